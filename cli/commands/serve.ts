import type { Command } from "commander";
import { isLogLevel, type LogLevel } from "../../runtime/log/index.js";
import { ENV_FILE_HELP } from "../env-file.js";
import { startServeSession } from "./serve-session.js";

export interface ServeFlags {
  port: number;
  host: string;
  state?: string;
  shutdownTimeout: number;
  logLevel: LogLevel;
  logFormat: "pretty" | "json";
  watch: boolean;
  envFile?: string;
  workerConcurrency: number;
  jobTimeout: number;
  deadLetter: "file" | "state";
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("run connectors continuously: polling inputs on their CRON schedule, webhook inputs over HTTP")
    .argument(
      "[targets...]",
      "artifact files or TypeScript connectors, or folders whose *.yaml / *.yml / *.ts files are loaded",
      ["."],
    )
    .option("--port <n>", "HTTP port (0 picks a free one)", (v) => portNumber(v), 8080)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)")
    .option(
      "--shutdown-timeout <seconds>",
      "on SIGTERM, how long runs in progress may take to finish",
      (v) => seconds(v),
      30,
    )
    .option("--log-level <level>", "debug | info | warn | error", (v) => logLevel(v), "info")
    .option("--log-format <format>", "json | pretty (logs go to stderr)", "json")
    .option("--env-file <file>", `${ENV_FILE_HELP}; read again on reload`)
    .option(
      "--worker-concurrency <n>",
      "with a PostgreSQL state: jobs (runs) this process takes at once from the shared job engine",
      (v) => positiveInteger(v),
      4,
    )
    .option(
      "--job-timeout <seconds>",
      "with a PostgreSQL state: a job running longer is handed out again (its lease still fences it)",
      (v) => seconds(v),
      900,
    )
    .option(
      "--dead-letter <where>",
      "file: each connector's dead-letter file (default); state: the state database, shared by every worker",
      (v) => deadLetterWhere(v),
      "file",
    )
    .option("--no-watch", "reload on SIGHUP only, not when an artifact file changes")
    .action(async (targets: string[], flags: ServeFlags) => {
      const code = await startServeSession(targets, flags);
      if (code !== undefined) process.exitCode = code;
    });
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`expected a port number, got ${value}`);
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`expected an integer from 1 to 256, got ${value}`);
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number of seconds, got ${value}`);
  return n;
}

function logLevel(value: string): LogLevel {
  if (!isLogLevel(value)) throw new Error(`expected debug, info, warn or error, got ${value}`);
  return value;
}

function deadLetterWhere(value: string): "file" | "state" {
  if (value === "file" || value === "state") return value;
  throw new Error(`expected file or state, got ${value}`);
}
