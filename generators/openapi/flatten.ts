import type { FieldRecord } from "./field-record.js";
import type { Schema } from "./schema.js";
import { unionView } from "./union-view.js";

export interface FlattenOptions {
  /** Most segments in a path (`a[].b.c` has 3); deeper objects become one `object` field. Default 3. */
  maxDepth?: number;
  /** `write` drops readOnly fields (a request body), `read` drops writeOnly ones (a response). */
  mode?: "read" | "write";
  /** Longer descriptions are cut and end with `…`; default 300 characters, as in the data set. */
  maxDescriptionLength?: number;
}

interface Walk {
  maxDepth: number;
  mode?: "read" | "write";
  maxDescriptionLength: number;
  out: FieldRecord[];
  /** Schemas on the current path: meeting one again is a cycle, cut as an `object` leaf. */
  ancestors: Set<Schema>;
  /** The nearest enclosing field that may also be a plain value (`string | {name}`). */
  unionParent?: string;
}

/**
 * The leaf fields of an object schema as field records. An array schema stands for its items (the
 * records of a list). `oneOf`/`anyOf` contribute the union of their properties.
 */
export function flattenSchema(schema: Schema, options: FlattenOptions = {}): FieldRecord[] {
  const walk: Walk = {
    maxDepth: options.maxDepth ?? 3,
    maxDescriptionLength: options.maxDescriptionLength ?? 300,
    out: [],
    ancestors: new Set([schema]),
    ...(options.mode ? { mode: options.mode } : {}),
  };
  let root = unionView(schema);
  if (isArray(root) && root.items) {
    walk.ancestors.add(root.items);
    root = unionView(root.items);
  }
  walkProperties(walk, root, []);
  return walk.out;
}

function walkProperties(walk: Walk, owner: Schema, prefix: string[]): void {
  for (const [name, property] of Object.entries(owner.properties ?? {})) {
    if (walk.mode === "write" && property.readOnly) continue;
    if (walk.mode === "read" && property.writeOnly) continue;
    walkField(walk, property, [...prefix, name], owner.required.includes(name));
  }
}

function walkField(walk: Walk, raw: Schema, segments: string[], required: boolean): void {
  const schema = unionView(raw);
  const depth = segments.length;
  if (isArray(schema)) {
    const arraySegments = [...segments.slice(0, -1), `${segments[depth - 1]}[]`];
    const itemRaw = schema.items;
    const item = itemRaw ? unionView(itemRaw) : undefined;
    if (itemRaw && item && hasProperties(item) && depth < walk.maxDepth && !walk.ancestors.has(itemRaw)) {
      descend(walk, itemRaw, item, arraySegments);
      return;
    }
    emit(walk, schema, arraySegments, required, `array<${item ? typeName(item) : "any"}>`);
    return;
  }
  if (hasProperties(schema) && (depth < walk.maxDepth || isValueWrapper(schema)) && !walk.ancestors.has(raw)) {
    const outer = walk.unionParent;
    if (hasPlainAlternative(raw)) walk.unionParent = segments.join(".");
    descend(walk, raw, schema, segments);
    walk.unionParent = outer;
    return;
  }
  emit(walk, schema, segments, required, typeName(schema));
}

function descend(walk: Walk, raw: Schema, view: Schema, segments: string[]): void {
  walk.ancestors.add(raw);
  walkProperties(walk, view, segments);
  walk.ancestors.delete(raw);
}

function emit(walk: Walk, schema: Schema, segments: string[], required: boolean, type: string): void {
  const record: FieldRecord = { path: segments.join("."), type, required };
  const elementSchema = isArray(schema) && schema.items ? unionView(schema.items) : schema;
  if (elementSchema.format !== undefined) record.format = elementSchema.format;
  if (elementSchema.enum !== undefined && elementSchema.enum.length > 0) record.enum = elementSchema.enum;
  const description = clean(schema.description ?? schema.title, walk.maxDescriptionLength);
  if (description) record.description = description;
  if (schema.nullable) record.nullable = true;
  if (schema.msDate || elementSchema.msDate) record.msDate = true;
  if (walk.unionParent !== undefined) record.unionParent = walk.unionParent;
  if (schema.expandable || elementSchema.expandable) record.expandable = true;
  walk.out.push(record);
}

/** `oneOf: [string, {…}]`: one alternative is a plain value, so the field's properties may not be there at all. */
function hasPlainAlternative(schema: Schema): boolean {
  return (schema.alternatives?.options ?? []).some(
    (o) => !hasProperties(o) && o.types.length > 0 && o.types.every((t) => t !== "object" && t !== "array"),
  );
}

/**
 * `{ value: <scalar> }` alone (Visma wraps every scalar so, to any depth: `soBillingAddress.value.city.value`):
 * followed past the depth limit, since cutting it there made an `object` field that the generator filled
 * with the scalar (TS2322 "string is not assignable to { value?: string }"); its leaf is the scalar.
 */
function isValueWrapper(schema: Schema): boolean {
  const names = Object.keys(schema.properties ?? {});
  if (names.length !== 1 || names[0] !== "value") return false;
  const inner = unionView(schema.properties!.value!);
  return !hasProperties(inner) && !isArray(inner);
}

function typeName(schema: Schema): string {
  if (hasProperties(schema)) return "object";
  if (schema.types.length === 0) return schema.additionalProperties !== undefined ? "object" : "any";
  return schema.types.join("|");
}

function isArray(schema: Schema): boolean {
  return schema.types.length === 1 && schema.types[0] === "array";
}

function hasProperties(schema: Schema): boolean {
  return schema.properties !== undefined && Object.keys(schema.properties).length > 0;
}

function clean(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return undefined;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
