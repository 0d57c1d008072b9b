/** `cannectors import` for the SQL input and output: `sqlSource` / `sqlQuery` / `sqlTable` calls. */
import type { SqlInput } from "../../runtime/modules/input-sql/schema.js";
import type { SqlOutput } from "../../runtime/modules/output-sql/schema.js";
import type { ImportContext } from "./import-filters.js";
import { literal, propertyKey, secretString } from "./ts-literals.js";

type Written<T> = { [K in keyof T]?: T[K] };

function options(entries: Record<string, unknown>, context: ImportContext): string {
  const present = Object.entries(entries).filter(([, v]) => v !== undefined);
  const text = (k: string, v: unknown) =>
    k === "tls" && typeof v === "object" && v !== null ? options(v as Record<string, unknown>, context) : literal(v);
  return `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${text(k, v)}`).join(", ")} }`;
}

export function sqlOutputCall(output: Written<SqlOutput>, context: ImportContext): string {
  context.use("sqlTable");
  const { type: _type, connection, ...rest } = output;
  const body = options(rest, context).slice(1, -1).trim();
  return `sqlTable<ImportedRecord>({ connection: ${secretString(connection ?? "", context.use, "config")}${body ? `, ${body}` : ""} })`;
}

export function sqlInputCall(input: Written<SqlInput>, context: ImportContext): string {
  const { type: _type, connection, query, params, table, ...rest } = input;
  const url = secretString(connection ?? "", context.use, "config");
  const more = Object.keys(rest).length > 0 ? `, ${options(rest, context)}` : "";
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
