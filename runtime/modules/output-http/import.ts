// Authoring: `cannectors import` of an HTTP output, `target.post(...)` and the other writers (../README.md).
import {
  type ImportContext,
  maybe,
  optionsLiteral as options,
  type Written,
} from "../../../compiler/import/contract.js";
import { literal, secretRecord } from "../../../compiler/import/ts-literals.js";
import type { HttpOutput } from "./schema.js";

export function outputCall(output: Written<HttpOutput>, context: ImportContext): string {
  const method = (output.method ?? "POST").toLowerCase();
  const record = (v: Record<string, unknown>) => secretRecord(v, context.use);
  const idempotency = output.idempotency;
  if (idempotency) context.use("cel");
  return `target.${method}(${literal(output.path)}, ${options([
    ["query", maybe(output.query, record)],
    ["headers", maybe(output.headers, record)],
    ["encoding", maybe(output.encoding, literal)],
    ["batch", maybe(output.batch, literal)],
    [
      "idempotency",
      idempotency &&
        options([
          ["header", maybe((idempotency as { header?: string }).header, literal)],
          ["key", `(r) => cel(${JSON.stringify(idempotency.key)})`],
        ]),
    ],
    ["responses", maybe(output.responses, literal)],
    ["deadLetter", maybe(output.deadLetter, literal)],
    ["timeout", maybe(output.timeout, literal)],
  ])})`;
}
