// Authoring: `cannectors import` of a SQL output, `sqlTable<ImportedRecord>({ connection, table, ... })` (../README.md).
import type { z } from "zod";
import type { ImportContext } from "../../../compiler/import/contract.js";
import { secretString } from "../../../compiler/import/ts-literals.js";
import { sqlOptions } from "../input-sql/import.js";
import type { SqlOutput } from "./schema.js";

export function sqlOutputCall(output: z.input<typeof SqlOutput>, context: ImportContext): string {
  context.use("sqlTable");
  const { type: _type, connection, ...rest } = output;
  const body = sqlOptions(rest).slice(1, -1).trim();
  return `sqlTable<ImportedRecord>({ connection: ${secretString(connection ?? "", context.use, "config")}${body ? `, ${body}` : ""} })`;
}
