import { connectorJsonSchema } from "../artifact/json-schema.js";
import type { PathSegment } from "../diagnostics/index.js";

type JsonSchema = Record<string, unknown>;

let schema: JsonSchema | undefined;

/**
 * The keys the schema allows in the object at `path`, for did-you-mean on an unknown key. Read from
 * the published JSON Schema (derived from the zod schema), every branch of a union included.
 */
export function knownKeysAt(path: readonly PathSegment[]): string[] {
  schema ??= connectorJsonSchema();
  const root = schema;
  let nodes: JsonSchema[] = [root];
  for (const segment of path) {
    nodes = nodes.flatMap((node) => branches(node, root)).flatMap((node) => child(node, segment, root));
  }
  const keys = new Set<string>();
  for (const node of nodes.flatMap((n) => branches(n, root))) {
    const properties = node.properties;
    if (properties && typeof properties === "object") for (const key of Object.keys(properties)) keys.add(key);
  }
  return [...keys];
}

/** A node with its `$ref` followed and its `anyOf` / `oneOf` / `allOf` branches spread. */
function branches(node: JsonSchema, root: JsonSchema, depth = 0): JsonSchema[] {
  if (depth > 8) return [];
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#/definitions/")) {
    const target = (root.definitions as Record<string, JsonSchema> | undefined)?.[ref.slice(14)];
    return target ? branches(target, root, depth + 1) : [];
  }
  const alternatives = [node.anyOf, node.oneOf, node.allOf].filter(Array.isArray).flat() as JsonSchema[];
  if (alternatives.length === 0) return [node];
  return alternatives.flatMap((branch) => branches(branch, root, depth + 1));
}

function child(node: JsonSchema, segment: PathSegment, root: JsonSchema): JsonSchema[] {
  if (typeof segment === "number") {
    const items = node.items;
    return items && typeof items === "object" ? branches(items as JsonSchema, root) : [];
  }
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  const found = properties?.[segment];
  return found ? branches(found, root) : [];
}
