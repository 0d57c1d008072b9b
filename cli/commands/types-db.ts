import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseLabel, renderDbTypes } from "../../generators/db-types/render.js";
import { introspectDatabase } from "../../runtime/sql/introspect/index.js";
import { EXIT } from "../terminal.js";

export interface DbTypesOptions {
  out: string;
  db?: string;
  dbEnv?: string;
  schema?: string;
  tables?: string;
}

/** `types --db URL` (or `--db-env NAME`, keeping the password out of the shell's history). */
export async function writeDbTypes(options: DbTypesOptions): Promise<void> {
  const url = options.db ?? (options.dbEnv ? process.env[options.dbEnv] : undefined);
  if (!url) {
    process.stderr.write(`cannot generate types: ${options.dbEnv ?? "the database URL"} is not set\n`);
    process.exitCode = EXIT.invalid;
    return;
  }
  const label = databaseLabel(url);
  const tables = options.tables
    ?.split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  try {
    const found = await introspectDatabase(url, { schema: options.schema, tables });
    const missing = tables?.filter((t) => !found.some((f) => f.name === t)) ?? [];
    if (missing.length > 0 || found.length === 0) {
      const what = missing.length > 0 ? `no table ${missing.join(", ")}` : "no table";
      throw new Error(`${what} in ${options.schema ? `schema ${options.schema}` : "the connection's schema"}`);
    }
    const where = options.schema ? `${label} (schema ${options.schema})` : label;
    const text = renderDbTypes(found, { source: where, qualify: options.schema !== undefined });
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    writeFileSync(options.out, text);
    process.stderr.write(`${options.out} (${found.length} tables from ${where})\n`);
    process.exitCode = EXIT.ok;
  } catch (error) {
    process.stderr.write(
      `cannot generate types from ${label}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = EXIT.invalid;
  }
}
