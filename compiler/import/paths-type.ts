/**
 * A `paths` type just wide enough for the imported artifact's two operations: an imported file
 * type-checks without a spec. Records are `any` there (the artifact says nothing of their shape);
 * replacing the type with `cannectors types` output brings field checking back.
 */
import type { HttpInput, HttpOutput } from "../../runtime/artifact/index.js";

type Written<T> = { [K in keyof T]?: T[K] };

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
  input: Written<HttpInput> | undefined,
  targets: readonly { paths: string; output: Written<HttpOutput> }[],
): string[] {
  return [
    "// biome-ignore lint/suspicious/noExplicitAny: the artifact does not say what a record holds; generate types to check fields",
    "type ImportedRecord = any;",
    ...(input ? [sourcePaths(input)] : []),
    ...targets.map(({ paths, output }) => targetPaths(paths, output)),
  ];
}

function targetPaths(name: string, output: Written<HttpOutput>): string {
  const outputMethod = (output.method ?? "POST").toLowerCase();
  const target = output.batch ? nestAt(output.batch.wrap, "ImportedRecord[]") : "ImportedRecord";
  const outputOp = operation({ body: target });
  return `type ${name} = { ${JSON.stringify(output.path ?? "/")}: { ${outputMethod}: ${outputOp} } };`;
}

function sourcePaths(input: Written<HttpInput>): string {
  const inputMethod = (input.method ?? "GET").toLowerCase();
  const inputOp = operation({
    ...(inputMethod === "post" ? { body: "Record<string, unknown>" } : {}),
    response: nestAt(input.records, "ImportedRecord[]"),
  });
  return `type SourcePaths = { ${JSON.stringify(input.path ?? "/")}: { ${inputMethod}: ${inputOp} } };`;
}
