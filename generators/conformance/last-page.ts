import { propertiesOf, requiredOf } from "../../runtime/contract/operation.js";
import type { SchemaNode, Spec } from "../../runtime/contract/spec.js";
import { type JsonRecord, parsePath } from "../../runtime/json/index.js";

/**
 * How the last page says "no next page" at `path` (a cursor or next-URL field) so that the page stays
 * valid against the response schema: null where the field takes null, else absent where it is
 * optional (Square's `cursor: string`, left out on the last page), else null as before (a required
 * non-nullable pointer the spec gives no way to end). The connector stops on absent, null or "".
 */
export function lastPageValue(spec: Spec, response: unknown, path: string): "null" | "absent" {
  let parent: SchemaNode | undefined;
  let node = spec.deref(response);
  let key = "";
  for (const part of parsePath(path).map(String)) {
    parent = node;
    key = part;
    node = spec.deref(propertiesOf(spec, node)[part]);
  }
  if (!node || !parent || takesNull(spec, node)) return "null";
  return requiredOf(spec, parent).includes(key) ? "null" : "absent";
}

function takesNull(spec: Spec, node: SchemaNode): boolean {
  if (node.nullable === true) return true;
  if (node.type === "null" || (Array.isArray(node.type) && node.type.includes("null"))) return true;
  const choices = [...((node.oneOf as unknown[]) ?? []), ...((node.anyOf as unknown[]) ?? [])];
  if (choices.some((choice) => takesNull(spec, spec.deref(choice) ?? {}))) return true;
  // No type at all: anything goes, null included.
  return node.type === undefined && !node.properties && !node.allOf && !node.$ref && choices.length === 0 && !node.enum;
}

export function removePath(body: JsonRecord, parts: readonly string[]): void {
  let node: unknown = body;
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== "object") return;
    node = (node as JsonRecord)[part];
  }
  if (node !== null && typeof node === "object") delete (node as JsonRecord)[parts.at(-1)!];
}
