import path from "node:path";
import type { Command } from "commander";
import { DEFAULT_PATTERNS } from "../../compiler/build/expand-files.js";
import { hasErrors, sortDiagnostics } from "../../runtime/diagnostics/index.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { EXIT } from "../terminal.js";

function shown(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join("/");
}

export function registerBuildCommand(program: Command): void {
  program
    .command("build")
    .description(
      "compile TypeScript connectors to canonical YAML artifacts, one DIR/<metadata.name>.yaml per exported connector " +
        "(runs the connector files in a child process: no prompt, and nothing here touches the network)",
    )
    .argument("[files...]", `connector files or globs (default: ${DEFAULT_PATTERNS.join(" ")})`)
    .requiredOption("--out <dir>", "directory for the generated YAML")
    .option("--check", "write nothing; exit 1 when a generated file is stale or missing")
    .option("--no-typecheck", "skip the type check (by default a type error fails the build, as with tsc)")
    .action(async (args: string[], options: { out: string; check?: boolean; typecheck: boolean }) => {
      // Loaded on use: the compiler pulls in TypeScript, which the other commands never need.
      const { buildConnectors, expandFiles, typeCheck } = await import("../../compiler/index.js");
      const files = expandFiles(args);
      if (files.length === 0) {
        process.stderr.write(`no connector files match ${(args.length > 0 ? args : DEFAULT_PATTERNS).join(" ")}\n`);
        process.exitCode = EXIT.invalid;
        return;
      }
      // Nothing is written when a file does not type-check: lowered anyway, `r.idd` would become `from: idd`.
      const typeErrors = options.typecheck ? typeCheck(files) : [];
      const result = hasErrors(typeErrors)
        ? { artifacts: [], diagnostics: [] }
        : await buildConnectors(files, { outDir: options.out, mode: options.check ? "check" : "write" });
      const diagnostics = sortDiagnostics([...typeErrors, ...result.diagnostics]);
      reportDiagnostics(diagnostics);
      if (hasErrors(diagnostics)) {
        process.exitCode = EXIT.invalid;
        return;
      }
      if (options.check) {
        const outdated = result.artifacts.filter((a) => a.status !== "fresh");
        for (const a of outdated)
          process.stderr.write(`${shown(a.outputFile)}: ${a.status} (from ${shown(a.sourceFile)})\n`);
        if (outdated.length > 0) process.stderr.write("run cannectors build to update the generated files\n");
        else process.stderr.write(`${result.artifacts.length} artifact(s) up to date\n`);
        process.exitCode = outdated.length > 0 ? EXIT.failed : EXIT.ok;
        return;
      }
      for (const a of result.artifacts) process.stderr.write(`${shown(a.outputFile)} (from ${shown(a.sourceFile)})\n`);
      process.exitCode = EXIT.ok;
    });
}
