import { type Diagnostic, formatDiagnostic } from "../runtime/diagnostics/index.js";
import { painter, useColor } from "./terminal.js";

export function reportDiagnostics(
  diagnostics: readonly Diagnostic[],
  stream: NodeJS.WriteStream = process.stderr,
): void {
  const c = painter(useColor(stream));
  for (const diagnostic of diagnostics) {
    const line = formatDiagnostic(diagnostic);
    stream.write(`${diagnostic.severity === "error" ? c.red(line) : c.yellow(line)}\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) stream.write(c.red(`${errors} error${errors === 1 ? "" : "s"}\n`));
}
