import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { generateTypes } from "../../generators/types/generate-types.js";
import { EXIT } from "../terminal.js";
import { type DbTypesOptions, writeDbTypes } from "./types-db.js";

export function registerTypesCommand(program: Command): void {
  program
    .command("types")
    .description(
      "generate TypeScript types from an OpenAPI 3.0/3.1 spec (file or URL, JSON or YAML), via openapi-typescript, or from a database's tables (--db)",
    )
    .argument("[spec]", "spec file or http(s) URL (a URL is fetched)")
    .requiredOption("--out <file>", "the .ts file to write")
    .option("--db <url>", "a database instead of a spec: postgres://, mysql://, mariadb:// or sqlite: URL")
    .option("--db-env <name>", "like --db, the URL read from this environment variable")
    .option("--schema <schema>", "with --db: the schema (database on MySQL) to read; Tables keys become schema.table")
    .option("--tables <names>", "with --db: only these tables, comma-separated")
    .action(async (spec: string | undefined, options: DbTypesOptions) => {
      if (options.db !== undefined || options.dbEnv !== undefined) return writeDbTypes(options);
      if (spec === undefined) {
        process.stderr.write("cannectors types: give a spec, or --db URL\n");
        process.exitCode = EXIT.invalid;
        return;
      }
      try {
        const text = await generateTypes(spec, options.out);
        mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
        writeFileSync(options.out, text);
        process.stderr.write(`${options.out} (from ${spec})\n`);
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.stderr.write(
          `cannot generate types from ${spec}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = EXIT.invalid;
      }
    });
}
