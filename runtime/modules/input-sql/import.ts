// Authoring: `cannectors import` of a SQL input, `sqlQuery<ImportedRecord>(...)` or `sqlSource<ImportedRecord>(...)` (../README.md).
import type { z } from "zod";
import type { ImportContext } from "../../../compiler/import/contract.js";
import { literal, propertyKey, secretString } from "../../../compiler/import/ts-literals.js";
import type { SqlInput } from "./schema.js";

/** An options object literal of plain values; `tls` is an object of its own (shared with the SQL output's import). */
export function sqlOptions(entries: Record<string, unknown>): string {
  const present = Object.entries(entries).filter(([, v]) => v !== undefined);
  const text = (k: string, v: unknown) =>
    k === "tls" && typeof v === "object" && v !== null ? sqlOptions(v as Record<string, unknown>) : literal(v);
  return `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${text(k, v)}`).join(", ")} }`;
}

export function sqlInputCall(input: z.input<typeof SqlInput>, context: ImportContext): string {
  const { type: _type, connection, query, params, table, ...rest } = input;
  const url = secretString(connection ?? "", context.use, "config");
  const more = Object.keys(rest).length > 0 ? `, ${sqlOptions(rest)}` : "";
  if (query !== undefined) {
    context.use("sqlQuery");
    const bound = (params ?? []).map((p) =>
      typeof p === "string" ? secretString(p, context.use, "config") : literal(p),
    );
    return `sqlQuery<ImportedRecord>(${url}, ${literal(query)}, [${bound.join(", ")}]${more})`;
  }
  context.use("sqlSource");
  return `sqlSource<ImportedRecord>(${url}, ${literal(table ?? "")}${more})`;
}
