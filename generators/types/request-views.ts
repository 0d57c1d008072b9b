type Json = Record<string, unknown>;

const PREFIX = "#/components/schemas/";

/**
 * openapi-typescript types a request body with its component's `required` as is, so a readOnly
 * property listed there (Apideck's `id`) is required in every body a connector writes (TS2741
 * "Property 'id' is missing"), while OpenAPI (3.x and Swagger 2.0) says a readOnly property is not
 * sent in requests and its `required` holds for responses only. Every request body schema that
 * reaches such a `required` (itself or through its refs) is given a request view: a copy whose
 * `required` leaves readOnly properties out, pointing at request copies of the components it uses
 * (`EmployeeRequest`), so response types keep the property required. Returns `document` itself when
 * no request body needs a view, else a changed copy (the parsed document may be shared).
 */
export function requestViews(document: Json): Json {
  const schemas = asObject(asObject(document.components).schemas);
  const needs = componentsNeedingViews(schemas);
  const bodies = bodySchemaHolders(document);
  if (!bodies.some((holder) => treeNeedsView(holder.schema, schemas, needs))) return document;
  const copy = structuredClone(document);
  const copySchemas = asObject(asObject(copy.components).schemas);
  const viewNames = new Map<string, string>();
  for (const name of needs) viewNames.set(name, uniqueName(copySchemas, `${name}Request`));
  for (const name of needs) copySchemas[viewNames.get(name)!] = view(copySchemas[name], copySchemas, viewNames);
  for (const holder of bodySchemaHolders(copy)) holder.content.schema = view(holder.schema, copySchemas, viewNames);
  return copy;
}

/** The components whose own tree, or a component they refer to, requires a readOnly property. */
function componentsNeedingViews(schemas: Json): Set<string> {
  const needs = new Set<string>();
  const refs = new Map<string, Set<string>>();
  for (const [name, schema] of Object.entries(schemas)) {
    const found = scan(schema, schemas);
    refs.set(name, found.refs);
    if (found.requiresReadOnly) needs.add(name);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, targets] of refs) {
      if (needs.has(name)) continue;
      if ([...targets].some((target) => needs.has(target))) {
        needs.add(name);
        changed = true;
      }
    }
  }
  return needs;
}

function treeNeedsView(schema: unknown, schemas: Json, needs: Set<string>): boolean {
  const found = scan(schema, schemas);
  return found.requiresReadOnly || [...found.refs].some((name) => needs.has(name));
}

/** Refs to schema components in `node`'s tree (not followed), and whether a `required` there names a readOnly property. */
function scan(node: unknown, schemas: Json): { refs: Set<string>; requiresReadOnly: boolean } {
  const refs = new Set<string>();
  let requiresReadOnly = false;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const object = value as Json;
    const ref = componentName(object.$ref);
    if (ref !== undefined) refs.add(ref);
    if (readOnlyRequired(object, schemas).length > 0) requiresReadOnly = true;
    for (const [key, child] of Object.entries(object)) if (key !== "example" && key !== "examples") walk(child);
  };
  walk(node);
  return { refs, requiresReadOnly };
}

function readOnlyRequired(object: Json, schemas: Json): string[] {
  const properties = asObject(object.properties);
  if (!Array.isArray(object.required)) return [];
  return object.required.filter((name) => isReadOnly(properties[String(name)], schemas)).map(String);
}

function isReadOnly(property: unknown, schemas: Json): boolean {
  const object = asObject(property);
  if (object.readOnly === true) return true;
  const ref = componentName(object.$ref);
  return ref !== undefined && asObject(schemas[ref]).readOnly === true;
}

/** A copy of `node` with readOnly properties left out of `required` and refs pointing at request views. */
function view(node: unknown, schemas: Json, viewNames: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => view(item, schemas, viewNames));
  if (node === null || typeof node !== "object") return node;
  const object = node as Json;
  const copy: Json = {};
  for (const [key, child] of Object.entries(object))
    copy[key] = key === "example" || key === "examples" ? child : view(child, schemas, viewNames);
  const ref = componentName(object.$ref);
  const target = ref === undefined ? undefined : viewNames.get(ref);
  if (target !== undefined) copy.$ref = `${PREFIX}${escapePointer(target)}`;
  const dropped = new Set(readOnlyRequired(object, schemas));
  if (dropped.size > 0) copy.required = (object.required as unknown[]).filter((name) => !dropped.has(String(name)));
  return copy;
}

interface BodyHolder {
  /** The media type object whose `schema` is a request body's. */
  content: Json;
  schema: unknown;
}

/** Every request body schema: operations' (inline) and `components.requestBodies`. */
function bodySchemaHolders(document: Json): BodyHolder[] {
  const bodies: Json[] = [];
  for (const item of Object.values(asObject(document.paths)))
    for (const operation of Object.values(asObject(item))) bodies.push(asObject(asObject(operation).requestBody));
  for (const body of Object.values(asObject(asObject(document.components).requestBodies))) bodies.push(asObject(body));
  const holders: BodyHolder[] = [];
  for (const body of bodies)
    for (const media of Object.values(asObject(body.content))) {
      const content = asObject(media);
      if (content.schema !== undefined) holders.push({ content, schema: content.schema });
    }
  return holders;
}

function componentName(ref: unknown): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(PREFIX)) return undefined;
  const rest = ref.slice(PREFIX.length);
  if (rest.includes("/")) return undefined;
  return rest.replaceAll("~1", "/").replaceAll("~0", "~");
}

function escapePointer(name: string): string {
  return name.replaceAll("~", "~0").replaceAll("/", "~1");
}

function uniqueName(schemas: Json, wanted: string): string {
  let name = wanted;
  for (let n = 2; name in schemas; n++) name = `${wanted}${n}`;
  return name;
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}
