import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { reportDiagnostics } from "../report-diagnostics.js";
import { EXIT } from "../terminal.js";

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("turn a connector YAML artifact into a TypeScript DSL file that builds back to the same YAML")
    .argument("<file>", "connector YAML file (validated first)")
    .requiredOption("--out <file>", "the .ts file to write")
    .action(async (file: string, options: { out: string }) => {
      // Loaded on use: the compiler pulls in TypeScript, which the other commands never need.
      const { importArtifactFile } = await import("../../compiler/index.js");
      const result = importArtifactFile(file, options.out);
      reportDiagnostics(result.diagnostics);
      if (result.source === undefined) {
        process.exitCode = EXIT.invalid;
        return;
      }
      mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
      writeFileSync(options.out, result.source);
      process.stderr.write(`${options.out} (from ${file}); build it with cannectors build ${options.out} --out DIR\n`);
      process.exitCode = EXIT.ok;
    });
}
