import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { generateTypes } from "../../generators/types/generate-types.js";
import { EXIT } from "../terminal.js";

export function registerTypesCommand(program: Command): void {
  program
    .command("types")
    .description(
      "generate TypeScript types from an OpenAPI 3.0/3.1 spec (file or URL, JSON or YAML), via openapi-typescript",
    )
    .argument("<spec>", "spec file or http(s) URL (a URL is fetched)")
    .requiredOption("--out <file>", "the .ts file to write")
    .action(async (spec: string, options: { out: string }) => {
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
