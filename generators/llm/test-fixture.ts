/** Test-only: one target field and its offline candidates, shared by the LLM tests. */
import type { Candidate, FieldRecord, RerankRequest } from "./types.js";

export const sourceFields: FieldRecord[] = [
  { path: "id", type: "integer", required: true, description: "Internal row number" },
  { path: "customer_id", type: "string", required: true, description: "Public identifier of the customer" },
  { path: "email", type: "string", format: "email", required: false },
  { path: "first_name", type: "string", required: false },
  { path: "last_name", type: "string", required: false },
];

export const targetField: FieldRecord = {
  path: "client_id",
  type: "string",
  required: true,
  description: "Identifier of the client, as known to the CRM",
};

export function offlineCandidates(): Candidate[] {
  return [
    { source: "id", confidence: 0.7, reasons: ["name token id"], conversion: "string(record.id)" },
    { source: "customer_id", confidence: 0.6, reasons: ["customer~client"], conversion: "record.customer_id" },
    { source: "email", confidence: 0.2, reasons: ["type string"], conversion: "record.email" },
  ];
}

export function rerankRequest(candidates: Candidate[] = offlineCandidates()): RerankRequest {
  return { source: sourceFields, target: targetField, candidates };
}
