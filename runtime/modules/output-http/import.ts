// Authoring: `cannectors import` of an HTTP output, `target.post(...)` and the other writers (../README.md).
import type { z } from "zod";
import { type ImportContext, maybe, optionsLiteral as options } from "../../../compiler/import/contract.js";
import { literal, secretRecord } from "../../../compiler/import/ts-literals.js";
import type { HttpOutput } from "./schema.js";

/** `api` names the declared api the call is made on: `target`, or `target1`... under routes, fanout, fallback. */
export function outputCall(output: z.input<typeof HttpOutput>, context: ImportContext, api = "target"): string {
  const method = (output.method ?? "POST").toLowerCase();
  const record = (v: Parameters<typeof secretRecord>[0]) => secretRecord(v, context.use);
  const idempotency = output.idempotency;
  if (idempotency) context.use("cel");
  return `${api}.${method}(${literal(output.path)}, ${options([
    ["query", maybe(output.query, record)],
    ["headers", maybe(output.headers, record)],
    ["encoding", maybe(output.encoding, literal)],
    ["batch", maybe(output.batch, literal)],
    [
      "idempotency",
      idempotency &&
        options([
          ["header", maybe(idempotency.header, literal)],
          ["key", `(r) => cel(${JSON.stringify(idempotency.key)})`],
        ]),
    ],
    ["responses", maybe(output.responses, literal)],
    ["deadLetter", maybe(output.deadLetter, literal)],
    ["timeout", maybe(output.timeout, literal)],
  ])})`;
}
