import type { SchemaNode, Spec } from "./spec.js";

/**
 * A copy of `node` (a schema, or the whole document) as a request body is checked against it: no
 * `required` names a readOnly property. OpenAPI (3.x and Swagger 2.0) says a readOnly property is
 * not sent in requests and its `required` holds for responses only; ajv knows neither, so Apideck's
 * `id: { readOnly: true }` in `required` refused every body a connector sends (issue 15 sweep).
 */
export function asRequestSchema(spec: Spec, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => asRequestSchema(spec, item));
  if (typeof node !== "object" || node === null) return node;
  const copy: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) copy[key] = asRequestSchema(spec, value);
  const properties = spec.deref((node as SchemaNode).properties);
  if (Array.isArray(copy.required) && properties)
    copy.required = copy.required.filter((name) => spec.deref(properties[String(name)])?.readOnly !== true);
  return copy;
}
