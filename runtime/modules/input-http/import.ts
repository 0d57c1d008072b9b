// Authoring: `cannectors import` of an HTTP input, `source.get(...)` / `source.post(...)` (../README.md).
import type { z } from "zod";
import { type ImportContext, maybe, optionsLiteral as options } from "../../../compiler/import/contract.js";
import { literal, secretRecord } from "../../../compiler/import/ts-literals.js";
import type { Pagination } from "../../pagination/schema.js";
import type { HttpInput } from "./schema.js";
import { childrenCall } from "../../../compiler/import/import-children.js";

function paginationCall(pagination: z.input<typeof Pagination>, context: ImportContext): string {
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

export function inputCall(input: z.input<typeof HttpInput>, context: ImportContext): string {
  const method = (input.method ?? "GET").toLowerCase();
  const record = (v: Parameters<typeof secretRecord>[0]) => secretRecord(v, context.use);
  const call = `source.${method}(${literal(input.path ?? "/")}, ${options([
    ["records", maybe(input.records, literal)],
    ["response", maybe(input.response, literal)],
    ["pathParams", maybe(input.pathParams, (v) => secretRecord(v, context.use, () => "config"))],
    ["query", maybe(input.query, record)],
    ["headers", maybe(input.headers, record)],
    ["body", maybe(input.body, literal)],
    ["pagination", maybe(input.pagination, (p) => paginationCall(p, context))],
    ["schedule", maybe(input.schedule, literal)],
    ["timezone", maybe(input.timezone, literal)],
    ["incremental", maybe(input.incremental, literal)],
    ["timeout", maybe(input.timeout, literal)],
  ])})`;
  if (!input.children) return call;
  return childrenCall(call, input.children as never, context.use, (p) => paginationCall(p as never, context));
}
