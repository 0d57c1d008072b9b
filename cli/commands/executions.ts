import fs from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { describeError, isCannectorsError } from "../../runtime/errors/index.js";
import { formatJson, formatPretty } from "../../runtime/log/index.js";
import { DRIFT_MESSAGE } from "../../runtime/contract/drift-watch.js";
import {
  type ExecutionRow,
  type ExecutionStatus,
  isPostgresUrl,
  openState,
  type StateStore,
  stateLabel,
} from "../../runtime/state/index.js";
import { EXIT, failureExitCode, painter, useColor } from "../terminal.js";

/** Where the commands write; injectable so tests read the output without touching process streams. */
export interface ExecutionsIO {
  stdout(text: string): void;
  stderr(text: string): void;
  color: boolean;
  setExitCode(code: number): void;
}

const DEFAULT_LIMIT = 20;

export function registerExecutionsCommand(
  program: Command,
  resolveStatePath: (flag?: string) => string,
  io: Partial<ExecutionsIO> = {},
): void {
  const out: ExecutionsIO = {
    stdout: io.stdout ?? ((text) => process.stdout.write(text)),
    stderr: io.stderr ?? ((text) => process.stderr.write(text)),
    color: io.color ?? useColor(process.stdout),
    setExitCode:
      io.setExitCode ??
      ((code) => {
        process.exitCode = code;
      }),
  };
  const executions = program
    .command("executions")
    .description("inspect the run history kept in the state database")
    .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)");
  const statePath = () => resolveStatePath(executions.opts<{ state?: string }>().state);

  executions
    .command("list")
    .description("recent executions, newest first")
    .option("--connector <name>", "only this connector's executions")
    .option("--limit <n>", `how many to show (default ${DEFAULT_LIMIT})`, parseLimit, DEFAULT_LIMIT)
    .option("--json", "print JSON on stdout")
    .action(async (options: { connector?: string; limit: number; json?: boolean }) => {
      const read = await withStore(statePath(), out, (store) => store.listExecutions(options));
      if (!read.ok) return;
      const rows = read.value ?? [];
      if (options.json) out.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      else if (rows.length === 0) out.stderr("no executions recorded\n");
      else out.stdout(renderTable(rows, out.color));
    });

  executions
    .command("show")
    .description("every recorded field of one execution")
    .argument("<id>", "execution id, or a unique prefix of it")
    .option("--json", "print JSON on stdout")
    .action(async (id: string, options: { json?: boolean }) => {
      const file = statePath();
      const row = await findExecution(file, id, out);
      if (row === undefined) return;
      // Contract drift is read back from the execution's own log lines: one source of truth.
      const logs = await withStore(file, out, (store) => store.getLogs(row.id));
      const drift = (logs.ok ? (logs.value ?? []) : [])
        .filter((entry) => entry.message === DRIFT_MESSAGE)
        .map((entry) => String(entry.fields.change));
      if (options.json) out.stdout(`${JSON.stringify({ ...row, contractDrift: drift }, null, 2)}\n`);
      else out.stdout(renderDetails(row, out.color) + renderDrift(drift));
    });

  executions
    .command("logs")
    .description("the log lines one execution wrote")
    .argument("<id>", "execution id, or a unique prefix of it")
    .option("--json", "one JSON object a line on stdout")
    .action(async (id: string, options: { json?: boolean }) => {
      const file = statePath();
      const row = await findExecution(file, id, out);
      if (row === undefined) return;
      const read = await withStore(file, out, (store) => store.getLogs(row.id));
      if (!read.ok) return;
      const entries = read.value ?? [];
      if (entries.length === 0 && !options.json) out.stderr(`execution ${row.id} has no log entries\n`);
      for (const entry of entries) out.stdout(`${options.json ? formatJson(entry) : formatPretty(entry, out.color)}\n`);
    });
}

type StoreRead<T> = { ok: true; value: T | undefined } | { ok: false };

/**
 * Runs `read` against the store. A missing database file reads as empty rather than being
 * created; a failure is reported here (stderr, exit code 4 for a state fault, else 1) and comes back as `ok: false`.
 */
async function withStore<T>(
  statePath: string,
  io: ExecutionsIO,
  read: (store: StateStore) => Promise<T>,
): Promise<StoreRead<T>> {
  if (!stateExists(statePath)) return { ok: true, value: undefined };
  let store: StateStore | undefined;
  try {
    // Reading the history needs no write access: a read-only file is opened read-only.
    store = await openState(statePath, { access: "read" });
    return { ok: true, value: await read(store) };
  } catch (error) {
    // Our errors say what went wrong and where (a state fault names the database); anything else gets it here.
    const where = isCannectorsError(error) ? "" : `cannot read the state database ${stateLabel(statePath)}: `;
    io.stderr(`${where}${describeError(error)}\n`);
    io.setExitCode(failureExitCode(error));
    return { ok: false };
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/** A missing file reads as no history; a PostgreSQL database is asked. */
function stateExists(statePath: string): boolean {
  return isPostgresUrl(statePath) || fs.existsSync(statePath);
}

async function findExecution(statePath: string, id: string, io: ExecutionsIO): Promise<ExecutionRow | undefined> {
  const found = await withStore(statePath, io, (store) => store.getExecution(id));
  if (!found.ok) return undefined;
  if (found.value === undefined) {
    const label = stateLabel(statePath);
    const where = stateExists(statePath) ? `in ${label}` : `(no state database at ${label})`;
    io.stderr(`no execution ${id} ${where}\n`);
    io.setExitCode(EXIT.failed);
  }
  return found.value;
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a positive whole number");
  return Number(value);
}

const HEADERS = ["ID", "CONNECTOR", "STATUS", "STARTED", "DURATION", "READ", "FILTERED", "SENT", "FAILED"];
/** Counts and durations read better right-aligned. */
const RIGHT_ALIGNED = new Set([4, 5, 6, 7, 8]);

function renderTable(rows: ExecutionRow[], color: boolean): string {
  const c = painter(color);
  const cells = rows.map((row) => [
    row.id,
    row.connector,
    statusText(row),
    shortTime(row.startedAt),
    duration(row),
    String(row.counts.read),
    String(row.counts.filtered),
    String(row.counts.sent),
    String(row.counts.failed),
  ]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((line) => (line[i] ?? "").length)));
  const pad = (text: string, i: number) =>
    RIGHT_ALIGNED.has(i) ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const header = c.bold(HEADERS.map(pad).join("  ").trimEnd());
  // Pad before painting: escape codes would otherwise count towards the width.
  const lines = cells.map((line, r) =>
    line.map((cell, i) => (i === 2 ? paintStatus(rows[r]?.status, pad(cell, i), color) : pad(cell, i))).join("  "),
  );
  return `${[header, ...lines].join("\n")}\n`;
}

function renderDrift(drift: readonly string[]): string {
  if (drift.length === 0) return "";
  return `contract drift (source):\n${drift.map((change) => `  ${change}`).join("\n")}\n`;
}

function renderDetails(row: ExecutionRow, color: boolean): string {
  const c = painter(color);
  const fields: [string, string][] = [
    ["id", row.id],
    ["connector", row.connector],
    ["status", paintStatus(row.status, row.status, color)],
    ["dry run", row.dryRun ? "yes" : "no"],
    ["artifact hash", row.artifactHash],
    ["started", row.startedAt],
    ["ended", row.endedAt ?? "-"],
    ["duration", duration(row)],
    ["records read", String(row.counts.read)],
    ["records filtered", String(row.counts.filtered)],
    ["records sent", String(row.counts.sent)],
    ["records failed", String(row.counts.failed)],
    ["error", row.error ?? "-"],
    ["process", row.pid === null ? "-" : `${row.pid} on ${row.host ?? "?"}`],
  ];
  const width = Math.max(...fields.map(([key]) => key.length));
  return fields.map(([key, value]) => `${c.dim(`${key}:`.padEnd(width + 1))} ${value}`).join("\n") + "\n";
}

function paintStatus(status: ExecutionStatus | undefined, text: string, color: boolean): string {
  const c = painter(color);
  switch (status) {
    case "succeeded":
      return c.green(text);
    case "partial":
      return c.yellow(text);
    case "failed":
      return c.red(text);
    case "running":
      return c.cyan(text);
    default:
      return c.gray(text);
  }
}

function statusText(row: ExecutionRow): string {
  return row.dryRun ? `${row.status} (dry run)` : row.status;
}

/** `2024-05-01 10:00:00Z`: seconds are enough in a table, and the Z keeps UTC explicit. */
function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

function duration(row: ExecutionRow): string {
  if (row.endedAt === null) return row.status === "running" ? "running" : "-";
  const ms = Date.parse(row.endedAt) - Date.parse(row.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes}m${String(seconds).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
