import type { Operation, Parameter } from "../openapi/index.js";
import type { ParameterPlan } from "../scaffold/index.js";
import type { FieldRecord } from "../suggest/index.js";
import { configName } from "./secret-names.js";

/** Headers a connector sets itself (body type, idempotency) or that carry credentials. */
const OWN_HEADERS = new Set(["authorization", "content-type", "accept", "idempotency-key", "user-agent"]);

function pathParameters(operation: Operation): Parameter[] {
  const declared = new Map(operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, p]));
  // A placeholder the spec forgot to declare is still one the URL needs.
  return [...operation.path.matchAll(/\{([^{}]+)\}/g)].map(
    ([, name]) =>
      declared.get(name!) ?? {
        name: name!,
        in: "path",
        required: true,
        schema: { types: ["string"], nullable: false, required: [] },
      },
  );
}

/** Source path parameters as configuration (`owner` → GITHUB_OWNER), never sent as `%7Bowner%7D`. */
export function sourcePathParams(operation: Operation, prefix: string): Record<string, string> | undefined {
  const params = pathParameters(operation);
  if (params.length === 0) return undefined;
  return Object.fromEntries(params.map((p) => [p.name, configName(prefix, p.name)]));
}

/**
 * Target path parameters as fields of the target record (the runtime fills `{companyId}` from the
 * record's `companyId`), so the map must give each a value, or a todo() a developer cannot miss.
 */
export function pathParamFields(operation: Operation, bodyFields: readonly FieldRecord[]): FieldRecord[] {
  const taken = new Set(bodyFields.map((f) => f.path));
  return pathParameters(operation)
    .filter((p) => !taken.has(p.name))
    .map((p) => ({
      path: p.name,
      type: p.schema.types[0] === "integer" || p.schema.types[0] === "number" ? p.schema.types[0] : "string",
      required: true,
      ...(p.schema.format ? { format: p.schema.format } : {}),
      ...(p.schema.enum ? { enum: p.schema.enum } : {}),
      ...(p.description ? { description: p.description } : {}),
    }));
}

/** The spec's default, or its only allowed value; an example is no decision (a tenant id example is someone else's tenant). */
function parameterValue(parameter: Parameter, prefix: string): ParameterPlan["value"] {
  const only = parameter.schema.enum?.length === 1 ? parameter.schema.enum[0] : undefined;
  const fixed = parameter.schema.default ?? only;
  if (typeof fixed === "string" || typeof fixed === "number" || typeof fixed === "boolean") return { literal: fixed };
  return { env: configName(prefix, parameter.name) };
}

/**
 * Required query parameters and headers that are neither credentials nor handled by pagination
 * (`xero-tenant-id`, `x-apideck-app-id`): without them the API answers 4xx on the first request.
 */
export function requiredParameters(
  operation: Operation,
  prefix: string,
  handled: ReadonlySet<string>,
): ParameterPlan[] {
  const skip = new Set([...handled].map((n) => n.toLowerCase()));
  return operation.parameters
    .filter((p): p is Parameter & { in: "query" | "header" } => (p.in === "query" || p.in === "header") && p.required)
    .filter((p) => !skip.has(p.name.toLowerCase()) && !(p.in === "header" && OWN_HEADERS.has(p.name.toLowerCase())))
    .map((p) => ({ in: p.in, name: p.name, value: parameterValue(p, prefix) }));
}
