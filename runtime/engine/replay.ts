import { appendFileSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { decodeJson, stringifyJson } from "../json/index.js";
import type { DeadLetterEntry, InputModule, SourcePage } from "./modules.js";
import type { Output } from "../modules/catalogue.js";
import { type ReplayTarget, replayOutput, replayTargetOf } from "./replay-targets.js";
import { type RunOptions, type RunSummary, runConnector } from "./run.js";

/** What `replayDeadLetters` did, besides the run's own summary. */
export interface ReplaySummary extends RunSummary {
  replayed: number;
  /** Kept when the replay stopped before every record was settled: replay it again (same keys). */
  leftover: string | undefined;
}

/**
 * Sends the records of a dead-letter file through the connector's output again, after a fix. The
 * records are the ones that failed, already filtered and mapped, so the filters do not run again and
 * the idempotency key of each is the one it had the first time. Under the connector's lease, the file
 * is moved aside to `FILE.replaying-<execution>`; records that fail again are dead-lettered to FILE
 * anew; once every record is settled (delivered or dead-lettered again) the moved file is deleted.
 */
export async function replayDeadLetters(
  options: Omit<RunOptions, "dryRun" | "limit" | "deadLetterPath" | "deadLetters"> & { deadLetterFile: string },
): Promise<ReplaySummary> {
  const file = options.deadLetterFile;
  const name = options.artifact.connector.metadata.name;
  const output = options.artifact.connector.output;
  // Checked before the run: a file that is not this connector's dead letter, or names an output it
  // does not have, changes nothing.
  routed(readEntries(file, name), output, file);
  let moved: string | undefined;
  const { summary, total } = await replayEntries({ ...options, deadLetterPath: file }, () => {
    // Under the lease: no run of this connector appends to the file while it moves.
    moved = `${file}.replaying-${process.pid}-${Date.now()}`;
    renameSync(file, moved);
    const entries = readEntries(moved, name);
    // A record the input could not read (it has `source`) never went through the filters: it
    // cannot be sent again as it is, so it stays in the dead letter, unchanged.
    const unread = entries.filter((entry) => entry.source !== undefined);
    if (unread.length > 0) {
      appendFileSync(file, unread.map((entry) => `${stringifyJson(entry)}\n`).join(""), { mode: 0o600 });
    }
    return { entries: entries.filter((entry) => entry.source === undefined), label: moved };
  });
  if (moved !== undefined && settledAll(summary, total)) {
    rmSync(moved);
    moved = undefined;
  }
  return { ...summary, replayed: total, leftover: moved };
}

/** Every record sent again was delivered or dead-lettered anew, by a run that was not stopped. */
export function settledAll(summary: RunSummary, total: number): boolean {
  const settled = summary.counts.sent + summary.counts.failed === total;
  return settled && summary.status !== "failed" && summary.status !== "cancelled";
}

/**
 * Runs the connector's output over dead-letter entries: `take` is called under the connector's
 * lease and gives the entries to send (none read by the input: see `source`) and a label for messages.
 * `prepare`, also under the lease and awaited before `take`, reads what `take` needs asynchronously.
 */
export async function replayEntries(
  options: Omit<RunOptions, "dryRun" | "limit">,
  take: () => { entries: DeadLetterEntry[]; label: string },
  prepare?: () => Promise<void>,
): Promise<{ summary: RunSummary; total: number }> {
  const output = options.artifact.connector.output;
  let total = 0;
  let targets: ReplayTarget[] = [];
  let targetOfSeq: number[] = [];
  const summary = await runConnector(options, {
    afterFilters: true,
    pageIsBatch: true,
    prepare,
    create: () => {
      const { entries, label } = take();
      const sendable = routed(entries, output, label);
      total = sendable.length;
      // Each record goes back to the output that failed it, in requests re-formed per output.
      targets = [...new Map(sendable.map(({ target }) => [target.label, target])).values()];
      const groups = targets.flatMap((target, index) => {
        const own = sendable.filter((entry) => entry.target.label === target.label).map(({ entry }) => entry);
        return requestGroups(own, target.batchSize).map((records) => ({ index, records }));
      });
      // The engine numbers the records it reads from 0 (seq): each one's target, in that order.
      targetOfSeq = groups.flatMap(({ index, records }) => records.map(() => index));
      return pagesOf(
        groups.map(({ records }) => records),
        label,
      );
    },
    // The resolved output: the artifact's own still holds `${secret:...}` references, not credentials.
    output: (tree, resolved) => replayOutput(resolved, targets, targetOfSeq, tree),
    commit: () => {},
  });
  return { summary, total };
}

/**
 * The requests to send again: records that went out together under one idempotency key go together
 * again, in their order, so the key (computed from the group) comes out the same; records without a
 * key are batched as the output says.
 */
function requestGroups(entries: readonly DeadLetterEntry[], batchSize: number): DeadLetterEntry["record"][][] {
  const groups: { key: string | undefined; records: DeadLetterEntry["record"][] }[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    const joins =
      last !== undefined &&
      last.key === entry.idempotencyKey &&
      (entry.idempotencyKey !== undefined || last.records.length < batchSize);
    if (joins) last.records.push(entry.record);
    else groups.push({ key: entry.idempotencyKey, records: [entry.record] });
  }
  return groups.map((group) => group.records);
}

function pagesOf(groups: DeadLetterEntry["record"][][], url: string): InputModule {
  return {
    async *pages(): AsyncGenerator<SourcePage> {
      for (const [index, records] of groups.entries()) yield { number: index + 1, url, records };
    },
  };
}

/** A dead-lettered record is at most settings.limits.maxDepth (≤ 1000) deep, plus the entry around it. */
export const REPLAY_MAX_DEPTH = 1100;

/** Every line must be a dead-letter entry of `connector`; the first that is not names its line. */
function readEntries(file: string, connector: string): DeadLetterEntry[] {
  if (!existsSync(file)) throw invalid(`${file}: no such dead-letter file`);
  const lines = readFileSync(file, "utf8").split("\n");
  const entries: DeadLetterEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    let entry: DeadLetterEntry;
    try {
      // Numbers exact: a record's id beyond 2^53 goes out again with the digits it failed with.
      entry = decodeJson(line, { maxDepth: REPLAY_MAX_DEPTH }).value as DeadLetterEntry;
    } catch (error) {
      throw invalid(`${file}:${index + 1}: not a JSON line (${(error as Error).message})`);
    }
    if (entry === null || typeof entry.record !== "object" || entry.record === null || Array.isArray(entry.record))
      throw invalid(`${file}:${index + 1}: not a dead-letter entry (no record object)`);
    if (entry.connector !== connector)
      throw invalid(`${file}:${index + 1}: a record of connector ${entry.connector}, not ${connector}`);
    entries.push(entry);
  });
  return entries;
}

/** Each entry with the output it goes to again; an entry naming an output the connector lacks names its line. */
export function routed(
  entries: readonly DeadLetterEntry[],
  output: Output,
  file: string,
): { entry: DeadLetterEntry; target: ReplayTarget }[] {
  return entries.map((entry, index) => {
    const target = replayTargetOf(output, entry.output);
    if (!target)
      throw invalid(`${file}: entry ${index + 1} names output ${entry.output}, which this connector does not have`);
    return { entry, target };
  });
}

export function invalid(message: string): CannectorsError {
  return new CannectorsError(ErrorCodes.DEAD_LETTER_INVALID, message);
}
