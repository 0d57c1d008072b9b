import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { SchemaNode, Spec } from "./spec.js";

/** `GET /customers` → the operation object, or a clear error naming what the spec offers. */
export function findOperation(spec: Spec, operation: string): SchemaNode {
  const [method = "", ...rest] = operation.trim().split(/\s+/);
  const route = rest.join(" ");
  const paths = spec.deref(spec.document.paths) ?? {};
  const item = spec.deref(paths[route]);
  const found = item ? spec.deref(item[method.toLowerCase()]) : undefined;
  if (!found)
    throw new CannectorsError(ErrorCodes.CONTRACT, `${spec.file} has no operation ${operation}`, {
      details: { operation },
    });
  return found;
}

function jsonContent(spec: Spec, holder: SchemaNode | undefined): SchemaNode | undefined {
  if (!holder) return undefined;
  // Swagger 2.0 puts the schema on the response (or the body parameter) itself.
  if (holder.schema !== undefined) return spec.deref(holder.schema);
  const content = spec.deref(holder.content) ?? {};
  const types = Object.keys(content);
  // A media range that admits JSON (SalesLoft declares every response and body as `*` `/` `*`) is read as JSON.
  const type = types.find((t) => /json/i.test(t)) ?? types.find((t) => ANY_MEDIA_TYPES.has(t.trim().toLowerCase()));
  return type ? spec.deref(spec.deref(content[type])?.schema) : undefined;
}

const ANY_MEDIA_TYPES = new Set(["*/*", "application/*"]);

/** The schema of the first 2xx JSON response. */
export function responseSchema(spec: Spec, operation: SchemaNode): SchemaNode | undefined {
  const responses = spec.deref(operation.responses) ?? {};
  const status = Object.keys(responses)
    .filter((code) => /^2/.test(code))
    .sort()[0];
  return status === undefined ? undefined : jsonContent(spec, spec.deref(responses[status]));
}

/** The JSON request body's schema (OpenAPI 3 requestBody, or Swagger 2.0's `in: body` parameter). */
export function requestSchema(spec: Spec, operation: SchemaNode): SchemaNode | undefined {
  const body = spec.deref(operation.requestBody);
  if (body) return jsonContent(spec, body);
  const parameters = (operation.parameters as unknown[] | undefined) ?? [];
  return jsonContent(
    spec,
    parameters.map((p) => spec.deref(p)).find((p) => p?.in === "body"),
  );
}

/** Follows `records` (a dotted path) through the response schema down to one record's schema. */
export function recordSchema(spec: Spec, response: SchemaNode, records: string | undefined): SchemaNode | undefined {
  let node: SchemaNode | undefined = response;
  for (const key of records ? records.split(".") : []) {
    node = spec.deref(propertiesOf(spec, node)[key]);
    if (!node) return undefined;
  }
  return node?.type === "array" || node?.items !== undefined ? spec.deref(node.items) : undefined;
}

/** Own and `allOf` properties. */
export function propertiesOf(spec: Spec, node: SchemaNode | undefined): Record<string, unknown> {
  if (!node) return {};
  const own = (spec.deref(node.properties) ?? {}) as Record<string, unknown>;
  const parts = ((node.allOf as unknown[] | undefined) ?? []).map((part) => propertiesOf(spec, spec.deref(part)));
  return Object.assign({}, ...parts, own);
}

export function requiredOf(spec: Spec, node: SchemaNode): string[] {
  const own = Array.isArray(node.required) ? (node.required as string[]) : [];
  const parts = ((node.allOf as unknown[] | undefined) ?? []).flatMap((part) => {
    const resolved = spec.deref(part);
    return resolved ? requiredOf(spec, resolved) : [];
  });
  return [...own, ...parts];
}
