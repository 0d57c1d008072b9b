/**
 * A `paths` type just wide enough for the imported artifact's two operations: an imported file
 * type-checks without a spec. Records are `any` there (the artifact says nothing of their shape);
 * replacing the type with `cannectors types` output brings field checking back.
 */
import type { z } from "zod";
import type { HttpInput } from "../../runtime/modules/input-http/schema.js";
import type { HttpOutput } from "../../runtime/modules/output-http/schema.js";

import { childPathsEntry } from "./import-children.js";

type Written<S extends z.ZodType> = z.input<S>;

/** `{ a: { b: T } }` for the dotted path `a.b`; `T` for no path. */
function nestAt(path: string | undefined, leaf: string): string {
  if (path === undefined) return leaf;
  return path
    .split(".")
    .reverse()
    .reduce((inner, key) => `{ ${JSON.stringify(key)}: ${inner} }`, leaf);
}

function operation(parts: { body?: string; response?: string }): string {
  const request = parts.body === undefined ? "" : `requestBody: { content: { "application/json": ${parts.body} } }; `;
  const response = `responses: { 200: { content: { "application/json": ${parts.response ?? "unknown"} } } }`;
  return `{ ${request}${response} }`;
}

/** Without `input` (a webhook source), only the targets' paths: one type per HTTP output, named `paths`. */
export function pathsTypes(
  input: Written<typeof HttpInput> | undefined,
  targets: readonly { paths: string; output: Written<typeof HttpOutput> }[],
): string[] {
  return [
    "// biome-ignore lint/suspicious/noExplicitAny: the artifact does not say what a record holds; generate types to check fields",
    "type ImportedRecord = any;",
    ...(input ? [sourcePaths(input)] : []),
    ...targets.map(({ paths, output }) => targetPaths(paths, output)),
  ];
}

function targetPaths(name: string, output: Written<typeof HttpOutput>): string {
  const outputMethod = (output.method ?? "POST").toLowerCase();
  const target = output.batch ? nestAt(output.batch.wrap, "ImportedRecord[]") : "ImportedRecord";
  const outputOp = operation({ body: target });
  return `type ${name} = { ${JSON.stringify(output.path ?? "/")}: { ${outputMethod}: ${outputOp} } };`;
}

function sourcePaths(input: Written<typeof HttpInput>): string {
  const inputMethod = (input.method ?? "GET").toLowerCase();
  const inputOp = operation({
    // Generated source text: a search body is whatever JSON the artifact holds.
    ...(inputMethod === "post" ? { body: "Record<string, unknown>" } : {}),
    response: nestAt(input.records, "ImportedRecord[]"),
  });
  const own = `${JSON.stringify(input.path ?? "/")}: { ${inputMethod}: ${inputOp} }`;
  const child = input.children ? `; ${childPathsEntry(input.children, nestAt)}` : "";
  return `type SourcePaths = { ${own}${child} };`;
}
