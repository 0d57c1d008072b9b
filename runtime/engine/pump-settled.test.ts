/** The pump's `SourcePage.settled` hook: each page is told once its own records are settled, in any order. */
import { describe, expect, it } from "vitest";
import { compileFilters } from "../filters/compile.js";
import { createLogger } from "../log/logger.js";
import { createRedactor } from "../secrets/index.js";
import { memoryDeadLetter } from "./memory-dead-letter.js";
import type { DeliveryResult, OutputRecord, SourcePage } from "./modules.js";
import { pump, type RunCounts } from "./pump.js";
import { Watermark } from "./watermark.js";

function pages(count: number, settled: number[]): SourcePage[] {
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    url: `message ${i}`,
    records: [{ id: i }],
    flush: true,
    settled: () => settled.push(i),
  }));
}

async function run(source: SourcePage[], deliver: (batch: OutputRecord[]) => Promise<DeliveryResult>, limit?: number) {
  const logger = createLogger({ redactor: createRedactor([]), sinks: [] });
  const counts: RunCounts = { read: 0, filtered: 0, sent: 0, failed: 0, retries: 0, resentOneByOne: 0 };
  await pump({
    connector: "t",
    input: {
      async *pages() {
        yield* source;
      },
    },
    filters: compileFilters([]),
    output: { deliver, close: async () => {} },
    deadLetter: memoryDeadLetter(logger),
    logger,
    batchSize: 10,
    concurrency: 4,
    cursorField: undefined,
    watermark: new Watermark(undefined),
    counts,
    signal: new AbortController().signal,
    onCursor: () => undefined,
    limit,
  });
}

describe("SourcePage.settled", () => {
  it("tells a page once its batch is delivered, without waiting for an earlier page still in flight", async () => {
    const settled: number[] = [];
    let releaseFirst: (() => void) | undefined;
    const done = run(pages(3, settled), (batch) => {
      const ok = { delivered: batch.length, deadLettered: 0 };
      if (batch[0]!.value.id === 0) return new Promise((resolve) => (releaseFirst = () => resolve(ok)));
      return Promise.resolve(ok);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // `flush` made each page its own batch; 1 and 2 are delivered while 0 is still in flight.
    expect(settled).toEqual([1, 2]);
    releaseFirst!();
    await done;
    expect(settled).toEqual([1, 2, 0]);
  });

  it("never tells a page whose batch failed (its message is redelivered)", async () => {
    const settled: number[] = [];
    const failing = run(pages(3, settled), (batch) =>
      batch[0]!.value.id === 1
        ? Promise.reject(new Error("target down"))
        : Promise.resolve({ delivered: batch.length, deadLettered: 0 }),
    );
    await expect(failing).rejects.toThrow("target down");
    expect(settled).not.toContain(1);
    expect(settled).toContain(0);
  });

  it("settles a page the --limit cut short, with only the records read (a broker page of several messages)", async () => {
    let settledWith: number | undefined;
    let kept = 4;
    const page: SourcePage = {
      number: 1,
      url: "messages 0 to 3",
      records: [{ id: 0 }, { id: 1 }, { id: 2 }, { id: 3 }],
      flush: true,
      settled: () => (settledWith = kept),
      cut: (read) => (kept = read),
    };
    const sent: number[] = [];
    await run(
      [page],
      async (batch) => {
        for (const record of batch) sent.push(record.value.id as number);
        return { delivered: batch.length, deadLettered: 0 };
      },
      3,
    );
    expect(sent).toEqual([0, 1, 2]);
    expect(settledWith).toBe(3);
  });
});
