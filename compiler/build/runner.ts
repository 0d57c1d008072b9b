/**
 * The build's child process: registers the TS hooks, runs each connector file, lowers every
 * exported connector, and reports plain data over IPC. A child process keeps the hooks (and
 * whatever the user's program does at import time) out of the CLI process.
 */
import { readFileSync } from "node:fs";
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isConnectorNode, type SourceSpan } from "../../dsl/ir.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { ErrorCodes } from "../../runtime/errors/index.js";
import { lowerConnector } from "../lower/index.js";
import { exportLocation, locationInStack } from "./export-location.js";
import type { LoadedFile, LoweredConnector, RunnerReport } from "./protocol.js";

register("./hooks.js", import.meta.url);

const texts = new Map<string, string>();
function textOf(file: string): string {
  let text = texts.get(file);
  if (text === undefined) {
    text = readFileSync(file, "utf8");
    texts.set(file, text);
  }
  return text;
}

export function displayPath(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join("/");
}

function problem(code: Diagnostic["code"], message: string, location: Diagnostic["location"]): Diagnostic {
  return { code, severity: "error", message, path: "", ...(location ? { location } : {}) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadFile(file: string): Promise<LoadedFile> {
  const display = displayPath(file);
  const start = { file: display, line: 1, column: 1 };
  // The user file's exports by name: open by nature, each checked with isConnectorNode below.
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const where = locationInStack(error instanceof Error ? error.stack : undefined, file, display);
    return {
      file,
      connectors: [],
      diagnostics: [problem(ErrorCodes.LOAD, `running the file failed: ${describe(error)}`, where)],
    };
  }
  const names = Object.keys(module).sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a < b ? -1 : 1));
  const connectors: LoweredConnector[] = [];
  for (const exportName of names) {
    const node = module[exportName];
    if (!isConnectorNode(node)) continue;
    const location = exportLocation(textOf(file), file, display, exportName);
    try {
      const sourceFor = (span: SourceSpan) => ({ file: displayPath(span.file), text: textOf(span.file) });
      const { artifact, diagnostics } = lowerConnector(node, { sourceFor });
      connectors.push({ exportName, location, artifact, diagnostics });
    } catch (error) {
      const diagnostic = problem(ErrorCodes.LOAD, `lowering export ${exportName} failed: ${describe(error)}`, location);
      connectors.push({ exportName, location, diagnostics: [diagnostic] });
    }
  }
  const diagnostics =
    connectors.length === 0
      ? [problem(ErrorCodes.NO_CONNECTOR, "the file exports no connector (export default connector(...))", start)]
      : [];
  return { file, connectors, diagnostics };
}

const report: RunnerReport = { files: [] };
for (const file of process.argv.slice(2)) report.files.push(await loadFile(path.resolve(file)));
// Exit once the report is out: a user program that left a timer or socket open must not hang the build.
process.send?.(report, () => process.exit(0));
