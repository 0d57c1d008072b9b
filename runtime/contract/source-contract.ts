import type { HttpInput } from "../artifact/index.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { findOperation, recordSchema, responseSchema } from "./operation.js";
import { loadSpec, type SchemaNode, type Spec } from "./spec.js";

export interface SourceContract {
  spec: Spec;
  record: SchemaNode;
  operation: string;
}

/** The schema one source record must follow, from `input.contract`; a clear error when it cannot be found. */
export function sourceContractOf(input: HttpInput): SourceContract | undefined {
  const contract = input.contract;
  if (!contract) return undefined;
  const spec = loadSpec(contract.spec);
  const operation = contract.operation ?? `${input.method} ${input.path}`;
  const response = responseSchema(spec, findOperation(spec, operation));
  const record = response && recordSchema(spec, response, input.records);
  if (!record)
    throw new CannectorsError(
      ErrorCodes.CONTRACT,
      `${contract.spec}: ${operation} has no JSON 2xx response with a list of records at ${input.records ?? "(the body)"}`,
    );
  return { spec, record, operation };
}
