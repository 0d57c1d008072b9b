import { emptySchema, type JsonType, type Schema } from "./schema.js";

/** Beyond this depth conflicting properties are not merged further: the last one wins. */
const MAX_DEPTH = 3;

/**
 * Merges `allOf` members into one schema. The first member is the schema that holds the `allOf`, so its
 * description and title win over the members'. Nullable is an OR: `allOf: [$ref], nullable: true` is
 * how 3.0 specs write "a nullable X".
 */
export function mergeAllOf(members: Schema[], depth = 0): Schema {
  const out = emptySchema();
  for (const member of members) mergeInto(out, member, depth);
  return out;
}

function mergeInto(out: Schema, next: Schema, depth: number): void {
  out.types = mergeTypes(out.types, next.types);
  out.nullable = out.nullable || next.nullable;
  out.required = [...new Set([...out.required, ...next.required])];
  for (const key of ["format", "enum", "title", "description", "default", "example", "alternatives"] as const) {
    if (out[key] === undefined && next[key] !== undefined) Object.assign(out, { [key]: next[key] });
  }
  for (const key of ["readOnly", "writeOnly", "deprecated", "expandable", "cycle"] as const) {
    if (next[key]) out[key] = true;
  }
  if (out.ref === undefined && next.ref !== undefined && next.properties === undefined) out.ref = next.ref;
  if (next.properties) {
    const merged: Record<string, Schema> = { ...out.properties };
    for (const [name, schema] of Object.entries(next.properties)) {
      const existing = merged[name];
      merged[name] =
        existing && existing !== schema && depth < MAX_DEPTH ? mergeAllOf([existing, schema], depth + 1) : schema;
    }
    out.properties = merged;
  }
  if (next.items)
    out.items = out.items && depth < MAX_DEPTH ? mergeAllOf([out.items, next.items], depth + 1) : next.items;
  if (next.additionalProperties !== undefined && out.additionalProperties === undefined) {
    out.additionalProperties = next.additionalProperties;
  }
}

function mergeTypes(a: JsonType[], b: JsonType[]): JsonType[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return a;
  const both = a.filter((t) => b.includes(t) || (t === "integer" && b.includes("number")));
  if (both.length > 0) return both;
  // `number` ∩ `integer` is `integer`; a true contradiction is the spec's bug, keep the later word
  const narrowed = b.filter((t) => t === "integer" && a.includes("number"));
  return narrowed.length > 0 ? narrowed : [...b];
}
