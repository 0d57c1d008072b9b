type Json = Record<string, unknown>;

/**
 * openapi-typescript writes a `$ref` as an indexed access on the type of what it points into:
 * `#/components/schemas/Transfer/definitions/transferAccount` becomes
 * `components["schemas"]["Transfer"]["definitions"]["transferAccount"]`, which names no property of
 * `Transfer` and fails to compile (Codat: 169 errors), as does `…/Bill/allOf/0/properties/x`. Every
 * ref that points inside a schema rather than at one is given its target as a schema component of
 * its own, and points there. Returns `document` itself when it has no such ref, else a changed copy
 * (the parsed document may be shared with other readers).
 */
export function hoistDeepRefs(document: Json): Json {
  let deep = false;
  visit(document, (node) => {
    if (typeof node.$ref === "string" && isDeep(node.$ref)) deep = true;
  });
  if (!deep) return document;
  const copy = structuredClone(document);
  hoistInPlace(copy);
  return copy;
}

function hoistInPlace(document: Json): void {
  document.components ??= {};
  const components = document.components as Json;
  components.schemas ??= {};
  const schemas = components.schemas as Json;
  const hoisted = new Map<string, string>();
  let changed = true;
  while (changed) {
    changed = false;
    visit(document, (node) => {
      const ref = node.$ref;
      if (typeof ref !== "string" || !isDeep(ref)) return;
      let name = hoisted.get(ref);
      if (name === undefined) {
        const target = resolve(document, ref);
        if (target === undefined) return;
        name = uniqueName(schemas, nameOf(ref));
        // A copy: the original stays where it is for whatever else reads it in place.
        schemas[name] = structuredClone(target);
        hoisted.set(ref, name);
      }
      node.$ref = `#/components/schemas/${escapePart(name)}`;
      changed = true;
    });
  }
}

/**
 * Deeper than `#/components/<section>/<name>`, into a schema (not a path item or a parameter list):
 * inside a schema component, or at or inside the `schema` of a parameter, header or media type
 * (Codat's `#/components/parameters/companyId/schema`, typed `…["parameters"]["companyId"]["schema"]`:
 * TS2339 "Property 'schema' does not exist on type 'String'").
 */
function isDeep(ref: string): boolean {
  const parts = ref.split("/");
  if (ref.startsWith("#/components/schemas/")) return parts.length > 4;
  return ref.startsWith("#/") && parts.includes("schema");
}

function nameOf(ref: string): string {
  const parts = ref
    .split("/")
    .slice(3)
    .map(unescapePart)
    .filter(
      (p) =>
        !["definitions", "$defs", "properties", "items", "allOf", "oneOf", "anyOf", "content", "schema"].includes(p),
    );
  return parts.join("_").replace(/[^\w.-]/g, "_");
}

function uniqueName(schemas: Json, base: string): string {
  let name = base;
  for (let n = 2; name in schemas; n++) name = `${base}_${n}`;
  return name;
}

function resolve(document: Json, ref: string): unknown {
  let node: unknown = document;
  for (const part of ref.slice(2).split("/").map(unescapePart)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Json)[part];
  }
  return node;
}

function visit(value: unknown, fn: (node: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, fn);
    return;
  }
  if (value === null || typeof value !== "object") return;
  fn(value as Json);
  for (const child of Object.values(value)) visit(child, fn);
}

const unescapePart = (part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~");
const escapePart = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");
