import { ExactNumber } from "../json/exact-number.js";
import { propertiesOf, requiredOf } from "./operation.js";
import type { SchemaNode, Spec } from "./spec.js";

/** A way a record differs from the schema the source's contract gives for it. */
export interface Drift {
  kind: "new_field" | "missing_field" | "type_changed";
  path: string;
  expected?: string;
  actual?: string;
}

type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "bigint") return "integer";
  if (value instanceof ExactNumber) return /[.eE]/.test(value.text) ? "number" : "integer";
  return typeof value as JsonType;
}

/** The JSON types a schema allows; undefined when it does not say (composition, no `type`). */
function allowedTypes(node: SchemaNode): Set<string> | undefined {
  if (node.oneOf !== undefined || node.anyOf !== undefined) return undefined;
  const declared = Array.isArray(node.type)
    ? (node.type as string[])
    : typeof node.type === "string"
      ? [node.type]
      : [];
  if (declared.length === 0) return node.properties !== undefined ? new Set(["object"]) : undefined;
  const types = new Set(declared);
  if (node.nullable === true) types.add("null");
  if (types.has("number")) types.add("integer");
  return types;
}

const MAX_DEPTH = 8;

/** How `value` departs from `schema`: new fields, required fields missing, JSON types that changed. */
export function driftOf(spec: Spec, schema: SchemaNode, value: unknown, at = "", depth = 0): Drift[] {
  const found: Drift[] = [];
  const allowed = allowedTypes(schema);
  const actual = typeOf(value);
  if (allowed && !allowed.has(actual)) {
    found.push({ kind: "type_changed", path: at || "(record)", expected: [...allowed].join("|"), actual });
    return found;
  }
  if (depth >= MAX_DEPTH) return found;
  if (actual === "object") {
    const properties = propertiesOf(spec, schema);
    const known = Object.keys(properties).length > 0;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = spec.deref(properties[key]);
      const path = at ? `${at}.${key}` : key;
      // Only where the schema lists fields can a field be new to it.
      if (!child) {
        if (known) found.push({ kind: "new_field", path, actual: typeOf(record[key]) });
        continue;
      }
      found.push(...driftOf(spec, child, record[key], path, depth + 1));
    }
    for (const key of requiredOf(spec, schema))
      if (!Object.hasOwn(record, key)) found.push({ kind: "missing_field", path: at ? `${at}.${key}` : key });
  } else if (actual === "array" && (value as unknown[]).length > 0) {
    const items = spec.deref(schema.items);
    if (items) found.push(...driftOf(spec, items, (value as unknown[])[0], `${at}[]`, depth + 1));
  }
  return found;
}
