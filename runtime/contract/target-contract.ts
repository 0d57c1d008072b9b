import { createRequire } from "node:module";
import type { Ajv, ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { stringifyJson } from "../json/index.js";
import type { HttpOutput } from "../artifact/index.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { findOperation, requestSchema } from "./operation.js";
import { asCompilableSchema, asRequestSchema } from "./request-view.js";
import { loadSpec, type SchemaNode, type Spec } from "./spec.js";
import type { ContractProblem, PayloadCheck } from "./violation.js";

const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: true } as const;

/** The problems the target's contract finds in a body, in words; empty when it accepts it. */
export type BodyCheck = (body: unknown) => string[];

/**
 * A check of request bodies against the operation's JSON request schema (ajv; OpenAPI 3.1 as JSON
 * Schema 2020-12, 3.0 and Swagger 2.0 as draft-07 with `nullable`). The spec is `output.contract`'s,
 * else `targetSpec` (a TypeScript connector's types header, `--target-spec`); none, no check.
 */
export function targetBodyCheckOf(output: HttpOutput, targetSpec?: string): PayloadCheck | undefined {
  const file = output.contract?.spec ?? targetSpec;
  if (file === undefined) return undefined;
  // A spec found for the connector (not named by `output.contract`) checks JSON bodies only.
  if (!output.contract && output.encoding === "form") return undefined;
  const spec = loadSpec(file);
  const operation = output.contract?.operation ?? `${output.method} ${output.path}`;
  const schema = requestSchema(spec, findOperation(spec, operation));
  if (!schema) throw new CannectorsError(ErrorCodes.CONTRACT, `${file}: ${operation} has no JSON request body schema`);
  return schemaProblemsOf(spec, schema, { request: true });
}

/** Validates values against `schema`, a node of `spec`: each problem in words (`/id must be integer`). */
export function schemaCheckOf(spec: Spec, schema: SchemaNode, options: { request?: boolean } = {}): BodyCheck {
  const check = schemaProblemsOf(spec, schema, options);
  return (body) => check(body).map((p) => `${p.pointer || "(body)"} ${p.message}`);
}

/**
 * Validates values against `schema`, a node of `spec` (its `$ref`s resolve in the whole document).
 * `coerceTypes` (ajv's option) converts text to the schema's types in place, as a form body is read;
 * `request`: the value is a request body, which need not hold readOnly properties however `required`.
 */
export function schemaProblemsOf(
  spec: Spec,
  schema: SchemaNode,
  options: { coerceTypes?: "array"; request?: boolean } = {},
): PayloadCheck {
  // ajv is required only for a connector with a contract: it costs every other run's start-up.
  const require = createRequire(import.meta.url);
  // A plain JSON Schema (a broker's payloadSchema) may say it is 2020-12 itself.
  const openapi31 =
    String(spec.document.openapi ?? "").startsWith("3.1") || String(spec.document.$schema ?? "").includes("2020-12");
  const { request, ...ajvOptions } = options;
  const settings = { ...AJV_OPTIONS, ...ajvOptions };
  const ajv = openapi31
    ? new (require("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020 }).Ajv2020(settings)
    : new (require("ajv") as { Ajv: typeof Ajv }).Ajv(settings);
  const addFormats = require("ajv-formats") as (ajv: Ajv) => void;
  addFormats(ajv as Ajv);
  // OpenAPI 3.1 has no `nullable`; 3.0 and Swagger 2.0 documents are made compilable either way.
  const view = (node: unknown) =>
    request ? asRequestSchema(spec, node) : openapi31 ? node : asCompilableSchema(spec, node);
  ajv.addSchema(view(spec.document) as object, "spec");
  const validate: ValidateFunction = ajv.compile(pointingIntoSpec(view(schema)) as object);
  return (body): ContractProblem[] => {
    // ajv knows JSON numbers as JavaScript numbers: an exact one (BigInt, ExactNumber) is checked as its nearest double.
    if (validate(body) || validate(JSON.parse(stringifyJson(body)))) return [];
    return (validate.errors ?? []).map((e) => ({
      pointer: e.instancePath,
      // A rule behind a `$ref` is named where it sits in the spec (`#/components/schemas/Client/...`).
      rule: e.schemaPath.replace(/^spec#/, "#"),
      message: e.message ?? "is invalid",
    }));
  };
}

/** A copy of `node` whose local `$ref`s (`#/components/...`) point into the registered document. */
function pointingIntoSpec(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointingIntoSpec);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith("#") ? `spec${value}` : pointingIntoSpec(value),
    ]),
  );
}
