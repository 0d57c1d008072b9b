import type { HttpOutput } from "../../runtime/artifact/index.js";
import { findOperation } from "../../runtime/contract/operation.js";
import type { SchemaNode, Spec } from "../../runtime/contract/spec.js";
import { schemaProblemsOf } from "../../runtime/contract/target-contract.js";
import { encodeForm } from "../../runtime/modules/output-http/form-encoding.js";

/**
 * Form-encoded request bodies (`output.encoding: form`, application/x-www-form-urlencoded) for the
 * target mock: the operation's form schema, the body decoded back into a record, and its values
 * coerced by that schema (a form carries text only: `amount=12` is the integer 12 when the schema
 * says integer, as the APIs that take forms read it).
 */

const FORM = /^application\/x-www-form-urlencoded\b/i;

/**
 * The form body's schema: OpenAPI 3's `application/x-www-form-urlencoded` content, or Swagger 2.0's
 * `in: formData` parameters (the operation's and its path's) as the properties of one object.
 */
export function formRequestSchema(spec: Spec, route: string, operation: SchemaNode): SchemaNode | undefined {
  const body = spec.deref(operation.requestBody);
  if (body) {
    const content = spec.deref(body.content) ?? {};
    const type = Object.keys(content).find((t) => FORM.test(t));
    return type ? spec.deref(spec.deref(content[type])?.schema) : undefined;
  }
  const item = spec.deref(spec.deref(spec.document.paths)?.[route]);
  const listed = [...((item?.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])];
  const fields = new Map<string, SchemaNode>();
  // The operation's own parameter wins over the path's of the same name.
  for (const p of listed.map((raw) => spec.deref(raw))) if (p?.in === "formData") fields.set(String(p.name), p);
  if (fields.size === 0) return undefined;
  const properties = Object.fromEntries([...fields].map(([name, p]) => [name, fieldSchema(p)]));
  const required = [...fields].filter(([, p]) => p.required === true).map(([name]) => name);
  return { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
}

/** A Swagger 2.0 parameter's own schema keywords (a `file` is any value). */
function fieldSchema(parameter: SchemaNode): SchemaNode {
  if (parameter.type === "file") return {};
  const {
    name: _n,
    in: _i,
    required: _r,
    description: _d,
    collectionFormat: _c,
    allowEmptyValue: _a,
    ...schema
  } = parameter;
  return schema;
}

/**
 * A form body back into a record, in the bracket convention `encodeForm` writes: `a[b]=v` is a
 * field of `a`, `a[0][x]=v` an item of the list `a`, `a[]=v` and a repeated key append.
 */
export function decodeForm(text: string): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const [head = "", ...rest] = key.split("[");
    const path = [head, ...rest.map((part) => part.replace(/\]$/, ""))];
    place(record, path, value);
  }
  return record;
}

function place(container: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [key = "", ...rest] = path;
  const slot = container as Record<string, unknown>;
  const at = key === "" && Array.isArray(container) ? container.length : key;
  if (rest.length === 0) {
    const existing = slot[at];
    // A key sent twice (`tag=a&tag=b`) is a list.
    if (existing === undefined) slot[at] = value;
    else slot[at] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    return;
  }
  const child = slot[at];
  const next = rest[0] === "" || /^\d+$/.test(rest[0] ?? "") ? [] : {};
  if (typeof child !== "object" || child === null) slot[at] = next;
  place(slot[at] as Record<string, unknown> | unknown[], rest, value);
}

/** Problems in words, and the body coerced to the schema's types when it has none (a copy). */
export type FormCheck = (body: Record<string, unknown>) => { problems: string[]; record: Record<string, unknown> };

export function formCheckOf(spec: Spec, schema: SchemaNode): FormCheck {
  const check = schemaProblemsOf(spec, schema, { coerceTypes: "array", request: true });
  return (body) => {
    const record = structuredClone(body);
    const problems = check(record).map((p) => `${p.pointer || "(body)"} ${p.message}`);
    return { problems, record };
  };
}

/**
 * What the target keeps of a record the connector sends as a form: encoded, decoded, coerced. The
 * conformance tally compares these with the arrivals (a form drops nulls and empty lists).
 */
export function asArrivalOf(spec: Spec, output: HttpOutput): (record: unknown) => unknown {
  const schema =
    output.encoding === "form"
      ? formRequestSchema(spec, output.path, findOperation(spec, `${output.method} ${output.path}`))
      : undefined;
  if (!schema) return (record) => record;
  const check = formCheckOf(spec, schema);
  return (record) => check(decodeForm(encodeForm(record))).record;
}
