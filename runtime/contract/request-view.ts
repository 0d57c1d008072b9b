import type { SchemaNode, Spec } from "./spec.js";

/**
 * A copy of `node` (a schema, or the whole document) as a request body is checked against it: no
 * `required` names a readOnly property. OpenAPI (3.x and Swagger 2.0) says a readOnly property is
 * not sent in requests and its `required` holds for responses only; ajv knows neither, so Apideck's
 * `id: { readOnly: true }` in `required` refused every body a connector sends (issue 15 sweep).
 */
export function asRequestSchema(spec: Spec, node: unknown): unknown {
  return viewOf(spec, node, true);
}

/**
 * A copy ajv compiles: OpenAPI 3.0's `nullable: true` beside no `type` (a `$ref` or an `allOf` made
 * nullable, GSM Tasks, Stripe → Xero) is "that, or null"; ajv refuses to compile it at all
 * ("nullable" cannot be used without "type"), which stopped the target mock of whole pairs.
 */
export function asCompilableSchema(spec: Spec, node: unknown): unknown {
  return viewOf(spec, node, false);
}

function viewOf(spec: Spec, node: unknown, request: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => viewOf(spec, item, request));
  if (typeof node !== "object" || node === null) return node;
  const copy: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) copy[key] = viewOf(spec, value, request);
  const properties = spec.deref((node as SchemaNode).properties);
  if (request && Array.isArray(copy.required) && properties)
    copy.required = copy.required.filter((name) => spec.deref(properties[String(name)])?.readOnly !== true);
  if (copy.nullable === true && copy.type === undefined) {
    const { nullable: _n, ...rest } = copy;
    return { anyOf: [rest, { type: "null" }] };
  }
  return copy;
}
