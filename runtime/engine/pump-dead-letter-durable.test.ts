/**
 * The pump waits for the dead-letter sink's `durable()` before a batch settles: a dead letter
 * still being written to the state database holds the cursor back, and one that fails to be
 * written fails the run without moving it (a restart then re-sends the batch instead of losing it).
 */
import { describe, expect, it } from "vitest";
import { compileFilters } from "../filters/compile.js";
import { createLogger } from "../log/logger.js";
import { createRedactor } from "../secrets/index.js";
import type { DeadLetterTable, NewDeadLetter } from "../state/dead-letters.js";
import { createStateDeadLetter } from "./dead-letter-state.js";
import type { DeadLetterSink, OutputRecord } from "./modules.js";
import { pump, type RunCounts } from "./pump.js";
import { Watermark } from "./watermark.js";

/** A dead-letter table whose writes finish only when the test says so (a slow PostgreSQL). */
function gatedTable() {
  const added: NewDeadLetter[] = [];
  let finish: ((error?: Error) => void) | undefined;
  const table: DeadLetterTable = {
    add: (letter) =>
      new Promise<void>((resolve, reject) => {
        added.push(letter);
        finish = (error) => (error === undefined ? resolve() : reject(error));
      }),
    list: async () => [],
    remove: async () => 0,
  };
  return { table, added, finish: (error?: Error) => finish!(error) };
}

/** Records 1 to 3 in one page; the target rejects record 2, which the output dead-letters. */
function start(deadLetter: DeadLetterSink) {
  const logger = createLogger({ redactor: createRedactor([]), sinks: [] });
  const counts: RunCounts = { read: 0, filtered: 0, sent: 0, failed: 0, retries: 0, resentOneByOne: 0 };
  const watermark = new Watermark(undefined);
  const cursors: string[] = [];
  const deliver = async (batch: OutputRecord[]) => {
    for (const record of batch) {
      if (record.value.id !== 2) continue;
      deadLetter.write({
        connector: "t",
        seq: record.seq,
        record: record.value,
        status: 422,
        reason: "HTTP 422",
        responseExcerpt: "invalid",
        attempts: 1,
      });
    }
    return { delivered: batch.length - 1, deadLettered: 1 };
  };
  let finished = false;
  const done = pump({
    connector: "t",
    input: {
      async *pages() {
        yield { number: 1, url: "page 1", records: [{ id: 1 }, { id: 2 }, { id: 3 }] };
      },
    },
    filters: compileFilters([]),
    output: { deliver, close: async () => {} },
    deadLetter,
    logger,
    batchSize: 10,
    concurrency: 4,
    cursorField: "id",
    watermark,
    counts,
    signal: new AbortController().signal,
    onCursor: (cursor) => void cursors.push(cursor),
  }).finally(() => (finished = true));
  return { done, watermark, cursors, counts, isFinished: () => finished };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe("pump and a dead-letter sink not yet durable", () => {
  it("moves no cursor until the dead letter is written, then moves it past the batch", async () => {
    const gate = gatedTable();
    const run = start(createStateDeadLetter(gate.table, "exec-1", createRedactor([]), Date.now));
    await tick();
    // Delivered and dead-lettered, but the row is still being written.
    expect(gate.added.map((letter) => letter.seq)).toEqual([1]);
    expect(run.cursors).toEqual([]);
    expect(run.watermark.committed).toBeUndefined();
    expect(run.isFinished()).toBe(false);
    gate.finish();
    await run.done;
    expect(run.cursors).toEqual(["3"]);
    expect(run.watermark.committed).toBe("3");
    expect(run.counts).toMatchObject({ read: 3, sent: 2, failed: 1 });
  });

  it("fails the run without moving the cursor when the dead letter cannot be written", async () => {
    const gate = gatedTable();
    const run = start(createStateDeadLetter(gate.table, "exec-1", createRedactor([]), Date.now));
    await tick();
    gate.finish(new Error("state database gone"));
    await expect(run.done).rejects.toThrow("state database gone");
    expect(run.cursors).toEqual([]);
    expect(run.watermark.committed).toBeUndefined();
  });
});
