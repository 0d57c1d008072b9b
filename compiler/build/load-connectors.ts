import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ErrorCodes } from "../../runtime/errors/index.js";
import { packageRoot } from "../emit/index.js";
import type { LoadedFile, RunnerReport } from "./protocol.js";

export interface LoadOptions {
  cwd?: string;
  /** The user's program runs at import time; one that never settles is stopped after this long. */
  timeoutMs?: number;
  /** Where the connector program's own console output goes (never our stdout, which may carry JSON). */
  output?: NodeJS.WritableStream;
}

/** The compiled runner beside this module, or dist's copy when this module runs from source (tests). */
function runnerPath(): string {
  const beside = fileURLToPath(new URL("./runner.js", import.meta.url));
  return existsSync(beside) ? beside : path.join(packageRoot(), "dist/compiler/build/runner.js");
}

/** Runs the connector files in one child process and returns what they export, lowered. */
export function loadConnectors(files: readonly string[], options: LoadOptions = {}): Promise<LoadedFile[]> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = files.map((file) => path.resolve(cwd, file));
  const output = options.output ?? process.stderr;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--enable-source-maps", runnerPath(), ...absolute], {
      cwd,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let report: RunnerReport | undefined;
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => output.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      output.write(chunk);
    });
    child.on("message", (message) => {
      report = message as RunnerReport;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (report) return resolve(report.files);
      const why = signal === "SIGKILL" ? "timed out" : `exited with ${signal ?? code}`;
      const last = stderr.trim().split("\n").slice(-1)[0] ?? "";
      resolve(
        absolute.map((file) => ({
          file,
          connectors: [],
          diagnostics: [
            {
              code: ErrorCodes.LOAD,
              severity: "error",
              message: `running the connector files ${why}${last ? `: ${last}` : ""}`,
              path: "",
              location: { file: path.relative(cwd, file).split(path.sep).join("/"), line: 1, column: 1 },
            },
          ],
        })),
      );
    });
  });
}
