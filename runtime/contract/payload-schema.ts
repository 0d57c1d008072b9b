/**
 * A broker payload's contract: a JSON Schema the message body must satisfy, given inline or as a
 * file (JSON or YAML), optionally at a pointer in it (`events.yaml#/components/schemas/Order`, an
 * OpenAPI or AsyncAPI document's schema). There is no operation to find: the schema is the contract.
 */
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { loadSpec, type SchemaNode, type Spec } from "./spec.js";
import { schemaProblemsOf } from "./target-contract.js";
import type { PayloadCheck } from "./violation.js";

export type PayloadSchema = string | Record<string, unknown>;

/** What it is checked against (the file, or `payloadSchema` for an inline one) and the check itself. */
export function payloadCheckOf(schema: PayloadSchema): { spec: string; check: PayloadCheck } {
  if (typeof schema !== "string")
    return { spec: "payloadSchema (inline)", check: schemaProblemsOf(inline(schema), schema) };
  const [file = "", pointer] = schema.split("#", 2);
  const spec = loadSpec(file);
  const node = pointer === undefined ? spec.document : spec.deref({ $ref: `#${pointer}` });
  if (!node) throw new CannectorsError(ErrorCodes.CONTRACT, `${file} has nothing at #${pointer}`);
  return { spec: schema, check: schemaProblemsOf(spec, node) };
}

/** An inline schema as a document of its own: its local `$ref`s (`#/$defs/X`) resolve in it. */
function inline(document: SchemaNode): Spec {
  return { file: "payloadSchema", document, deref: (node) => node as SchemaNode };
}
