// Authoring: `cannectors import` of an HTTP input, `source.get(...)` / `source.post(...)` (../README.md).
import {
  type ImportContext,
  maybe,
  optionsLiteral as options,
  type Written,
} from "../../../compiler/import/contract.js";
import { literal, secretRecord } from "../../../compiler/import/ts-literals.js";
import type { Pagination } from "../../pagination/schema.js";
import type { HttpInput } from "./schema.js";

function paginationCall(pagination: Pagination, context: ImportContext): string {
  if (pagination.type === "none") {
    context.use("noPagination");
    return "noPagination()";
  }
  context.use(pagination.type);
  const entries = Object.entries(pagination)
    .filter(([key, value]) => key !== "type" && value !== undefined)
    .map(([key, value]): [string, string] => [
      key,
      key === "stopWhen" ? `(response, page) => cel(${JSON.stringify(value)})` : literal(value),
    ]);
  if (pagination.stopWhen !== undefined) context.use("cel");
  return `${pagination.type}(${options(entries)})`;
}

export function inputCall(input: Written<HttpInput>, context: ImportContext): string {
  const method = (input.method ?? "GET").toLowerCase();
  const record = (v: Record<string, unknown>) => secretRecord(v, context.use);
  return `source.${method}(${literal(input.path ?? "/")}, ${options([
    ["records", maybe(input.records, literal)],
    ["response", maybe(input.response, literal)],
    [
      "pathParams",
      maybe(input.pathParams, (v: Record<string, unknown>) => secretRecord(v, context.use, () => "config")),
    ],
    ["query", maybe(input.query, record)],
    ["headers", maybe(input.headers, record)],
    ["body", maybe(input.body, literal)],
    ["pagination", maybe(input.pagination, (p: Pagination) => paginationCall(p, context))],
    ["schedule", maybe(input.schedule, literal)],
    ["timezone", maybe(input.timezone, literal)],
    ["incremental", maybe(input.incremental, literal)],
    ["timeout", maybe(input.timeout, literal)],
  ])})`;
}
