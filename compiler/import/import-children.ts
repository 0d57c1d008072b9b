/** `input.children` → `children(parent, source, path, {...})`, and the child operation's entry in `SourcePaths`. */
import type { z } from "zod";
import type { Children as ChildrenSchema } from "../../runtime/modules/input-http/children/schema.js";
import { literal, propertyKey, secretRecord } from "./ts-literals.js";

/** The artifact's `children` as written (fields the schema would default may be absent). */
type Children = z.input<typeof ChildrenSchema>;
type Written<T> = T;

/** The names of the path's `{name}` placeholders. */
function placeholders(path: string): Set<string> {
  return new Set([...path.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!.trim()));
}

/** `params` as the DSL splits them: path placeholders, then query parameters read from the parent. */
function splitParams(children: Written<Children>): {
  params?: Record<string, string>;
  queryParams?: Record<string, string>;
} {
  const inPath = placeholders(children.path ?? "/");
  const entries = Object.entries(children.params ?? {});
  const pick = (wanted: boolean) => {
    const picked = entries.filter(([name]) => inPath.has(name) === wanted);
    return picked.length === 0 ? undefined : Object.fromEntries(picked);
  };
  return { params: pick(true), queryParams: pick(false) };
}

export function childrenCall(
  parent: string,
  children: Written<Children>,
  use: (name: string) => void,
  pagination: (value: NonNullable<Children["pagination"]>) => string,
): string {
  use("children");
  const { params, queryParams } = splitParams(children);
  const entries: [string, string | undefined][] = [
    ["records", children.records === undefined ? undefined : literal(children.records)],
    ["params", params === undefined ? undefined : literal(params)],
    ["queryParams", queryParams === undefined ? undefined : literal(queryParams)],
    ["query", children.query === undefined ? undefined : secretRecord(children.query, use)],
    ["pagination", children.pagination === undefined ? undefined : pagination(children.pagination)],
    ["carry", children.carry === undefined ? undefined : literal(children.carry)],
    ["key", children.key === undefined ? undefined : literal(children.key)],
    ["concurrency", children.concurrency === undefined ? undefined : literal(children.concurrency)],
    ["incremental", children.incremental === undefined ? undefined : literal(children.incremental)],
  ];
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  const options = present.length === 0 ? "{}" : `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} }`;
  return `children(${parent}, source, ${literal(children.path ?? "/")}, ${options})`;
}

/** The child operation in `SourcePaths`: its path parameters and records `ImportedRecord` (any). */
export function childPathsEntry(
  children: Written<Children>,
  nestAt: (path: string | undefined, leaf: string) => string,
): string {
  const names = [...placeholders(children.path ?? "/")];
  const parameters =
    names.length === 0
      ? ""
      : `parameters: { path: { ${names.map((n) => `${JSON.stringify(n)}: ImportedRecord`).join("; ")} } }; `;
  const response = nestAt(children.records, "ImportedRecord[]");
  return `${JSON.stringify(children.path ?? "/")}: { get: { ${parameters}responses: { 200: { content: { "application/json": ${response} } } } } }`;
}
