/** Small in-memory specs for ranking tests: `"POST /v1/customers"` and its field names are enough. */
import type { HttpMethod, LoadedSpec, Operation, Schema } from "../openapi/index.js";

export interface OperationSketch {
  /** `"GET /customers"`, `"POST /customers/{id}/cancel"`. */
  op: string;
  /** Record fields (list items for a GET, the body for a write); `user.email` nests; `*` marks required. */
  fields: string[];
  form?: boolean;
  /** Required query parameters (`q` of a search). */
  query?: string[];
  /** A GET whose records sit under this property of the response (`{ issues: [...] }`), not at its root. */
  records?: string;
}

const scalar = (): Schema => ({ types: ["string"], nullable: false, required: [] });

/** `["email*", "name", "user.login", "lines[].sku"]` → an object schema, `email` required, `user` an object, `lines` an array of them. */
export function recordSchema(fields: readonly string[]): Schema {
  const schema: Schema = { types: ["object"], nullable: false, required: [], properties: {} };
  const nested = new Map<string, string[]>();
  for (const field of fields) {
    const required = field.endsWith("*");
    const path = required ? field.slice(0, -1) : field;
    const [head, ...rest] = path.split(".");
    if (head === undefined) continue;
    if (required && !schema.required.includes(head.replace(/\[\]$/, "")))
      schema.required.push(head.replace(/\[\]$/, ""));
    if (rest.length > 0) nested.set(head, [...(nested.get(head) ?? []), `${rest.join(".")}${required ? "*" : ""}`]);
    else schema.properties![head] = scalar();
  }
  for (const [name, inner] of nested)
    if (name.endsWith("[]"))
      schema.properties![name.slice(0, -2)] = {
        types: ["array"],
        nullable: false,
        required: [],
        items: recordSchema(inner),
      };
    else schema.properties![name] = recordSchema(inner);
  return schema;
}

function operationOf(sketch: OperationSketch): Operation {
  const [method = "get", path = "/"] = sketch.op.split(" ");
  const record = recordSchema(sketch.fields);
  const operation: Operation = {
    method: method.toLowerCase() as HttpMethod,
    path,
    parameters: [
      ...[...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
        name: m[1]!,
        in: "path" as const,
        required: true,
        schema: scalar(),
      })),
      ...(sketch.query ?? []).map((name) => ({ name, in: "query" as const, required: true, schema: scalar() })),
    ],
    responses: [],
    pointer: `#/paths/${path}/${method.toLowerCase()}`,
  };
  if (operation.method === "get") {
    const list: Schema = { types: ["array"], nullable: false, required: [], items: record };
    const body: Schema = sketch.records
      ? { types: ["object"], nullable: false, required: [], properties: { [sketch.records]: list } }
      : list;
    operation.responses.push({ status: "200", contentType: "application/json", schema: body });
  } else {
    const contentType = sketch.form ? "application/x-www-form-urlencoded" : "application/json";
    operation.requestBody = { contentType, schema: record, required: true };
    operation.responses.push({ status: "200", contentType: "application/json", schema: scalar() });
  }
  return operation;
}

export function sketchSpec(title: string, operations: readonly OperationSketch[]): LoadedSpec {
  return {
    title,
    version: "1",
    openapi: "3.0",
    servers: ["https://api.example.com"],
    securitySchemes: [],
    operations: operations.map(operationOf),
    source: `${title}.yaml`,
    warnings: [],
  };
}
