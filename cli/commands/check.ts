import type { Command } from "commander";
import { DEFAULT_PATTERNS } from "../../compiler/build/expand-files.js";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../../runtime/diagnostics/index.js";
import { EXIT } from "../terminal.js";

/** `file:line:col [path] CODE message`: the artifact path only when there is one (TS errors have none). */
export function formatCheckLine(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : "<unknown>";
  const tag = d.severity === "warning" ? `${d.code} (warning)` : d.code;
  return [where, d.path, tag, d.message].filter((part) => part !== "").join(" ");
}

/** GitHub Actions workflow commands: annotations on the pull request's diff. */
export function formatGithubLine(d: Diagnostic): string {
  const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const property = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const where = d.location ? ` file=${property(d.location.file)},line=${d.location.line},col=${d.location.column}` : "";
  const path = d.path === "" ? "" : `${d.path} `;
  return `::${d.severity === "warning" ? "warning" : "error"}${where}::${escapeData(`${d.code} ${path}${d.message}`)}`;
}

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("type-check connector files and lower and validate them, writing nothing")
    .argument("[files...]", `connector files or globs (default: ${DEFAULT_PATTERNS.join(" ")})`)
    .option("--format <format>", "text or github", "text")
    .option("--json", "print the diagnostics as a JSON array on stdout")
    .action(async (args: string[], options: { format: string; json?: boolean }) => {
      // Loaded on use: the compiler pulls in TypeScript, which the other commands never need.
      const { buildConnectors, compareKeys, expandFiles, typeCheck } = await import("../../compiler/index.js");
      if (options.format !== "text" && options.format !== "github") {
        process.stderr.write(`unknown --format ${options.format}: use text or github\n`);
        process.exitCode = EXIT.invalid;
        return;
      }
      const files = expandFiles(args);
      if (files.length === 0) {
        process.stderr.write(`no connector files match ${(args.length > 0 ? args : DEFAULT_PATTERNS).join(" ")}\n`);
        process.exitCode = EXIT.invalid;
        return;
      }
      // The build runs in a child process: the type check uses the other core meanwhile.
      const building = buildConnectors(files, { outDir: ".", mode: "dry" });
      const typeErrors = typeCheck(files);
      const built = await building;
      // By file, then by position (the sort is stable).
      const all = sortDiagnostics([...typeErrors, ...built.diagnostics]).sort((a, b) =>
        compareKeys(a.location?.file ?? "", b.location?.file ?? ""),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      else {
        const format = options.format === "github" ? formatGithubLine : formatCheckLine;
        for (const d of all) process.stdout.write(`${format(d)}\n`);
        const errors = all.filter((d) => d.severity === "error").length;
        process.stderr.write(errors > 0 ? `${errors} error(s)\n` : `${files.length} file(s) OK\n`);
      }
      process.exitCode = hasErrors(all) ? EXIT.invalid : EXIT.ok;
    });
}
