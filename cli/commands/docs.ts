import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { describeError, isCannectorsError } from "../../runtime/errors/index.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { EXIT } from "../terminal.js";

interface DocsFlags {
  format: "md" | "html" | "json";
  out?: string;
  sourceSpec?: string;
  sourceOp?: string;
  targetSpec?: string;
  targetOp?: string;
  examples?: string;
}

export function registerDocsCommand(program: Command): void {
  program
    .command("docs")
    .description(
      "document a connector for a client or an auditor: flow, settings in plain words, the mapping table and a " +
        "coverage report (no network; secret values are never read)",
    )
    .argument("<file>", "a connector YAML artifact, or a TypeScript connector (built on the fly)")
    .addOption(new Option("--format <format>", "output format").choices(["md", "html", "json"]).default("md"))
    .option("--out <path>", "write the document to this file instead of stdout")
    .option("--source-spec <file>", "OpenAPI spec of the source: source fields and enum values for the coverage report")
    .option("--source-op <op>", 'source operation, e.g. "GET /customers" (default: the input\'s method and path)')
    .option("--target-spec <file>", "OpenAPI spec of the target: field types, required fields and enums")
    .option("--target-op <op>", 'target operation, e.g. "POST /clients" (default: the output\'s method and path)')
    .option(
      "--examples <file>",
      "examples from NDJSON: source records (run through the filters: before/after) or a dry-run output (run --dry-run --out FILE)",
    )
    .action(async (file: string, flags: DocsFlags) => {
      // Loaded on use: the generators pull in the OpenAPI reader, which the other commands never need.
      const { docsModelOf, renderDocs } = await import("../../generators/docs/index.js");
      try {
        const { model, diagnostics } = await docsModelOf(file, flags);
        reportDiagnostics(diagnostics);
        if (!model || hasErrors(diagnostics)) {
          process.exitCode = EXIT.invalid;
          return;
        }
        const text = renderDocs(model, flags.format);
        if (flags.out) {
          mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
          writeFileSync(flags.out, text);
          process.stderr.write(
            `${flags.out}: ${model.title} (${flags.format}, ${model.coverage.problems.length} coverage problem(s))\n`,
          );
        } else process.stdout.write(text);
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.stderr.write(`docs: ${isCannectorsError(error) ? `${error.code} ` : ""}${describeError(error)}\n`);
        process.exitCode = EXIT.invalid;
      }
    });
}
