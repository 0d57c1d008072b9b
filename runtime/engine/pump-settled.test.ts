/** The pump's `SourcePage.settled` hook: each page is told once its own records are settled, in any order. */
import { describe, expect, it } from "vitest";
import type { Filter } from "../artifact/index.js";
import { compileFilterChain, compileFilters } from "../filters/compile.js";
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

async function run(
  source: SourcePage[],
  deliver: (batch: OutputRecord[]) => Promise<DeliveryResult>,
  limit?: number,
  filters: readonly Filter[] = [],
) {
  const logger = createLogger({ redactor: createRedactor([]), sinks: [] });
  const counts: RunCounts = { read: 0, filtered: 0, sent: 0, failed: 0, retries: 0, resentOneByOne: 0 };
  await pump({
    connector: "t",
    input: {
      async *pages() {
        yield* source;
      },
    },
    filters: filters.length === 0 ? compileFilters([]) : compileFilterChain(filters, undefined),
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

  // Page-level filters (enrich, aggregate) ran on a path that never told a page: a broker input
  // behind one never acknowledged a message, so the broker held them all until the prefetch stalled.
  const aggregate = (pages: number): Filter[] => [
    { type: "aggregate", groupBy: ["group"], fields: [{ target: "n", op: "count" }], window: { pages } },
  ];
  const groupPages = (settled: number[]): SourcePage[] =>
    Array.from({ length: 4 }, (_, i) => ({
      number: i + 1,
      url: `message ${i}`,
      records: [{ id: i, group: "g" }],
      flush: true,
      settled: () => settled.push(i),
    }));

  it("tells pages read through a page-level filter once the batch holding their records is delivered", async () => {
    const settled: number[] = [];
    const delivered: unknown[] = [];
    await run(
      groupPages(settled),
      async (batch) => {
        delivered.push(...batch.map((r) => r.value));
        return { delivered: batch.length, deadLettered: 0 };
      },
      undefined,
      aggregate(1),
    );
    expect(delivered).toHaveLength(4);
    expect(settled.sort()).toEqual([0, 1, 2, 3]);
  });

  it("holds a page whose records an aggregate's window still holds, until the aggregate is delivered", async () => {
    const settled: number[] = [];
    const seenAt: number[][] = [];
    await run(
      groupPages(settled),
      async (batch) => {
        // What was already settled when each aggregate went out: none of the window's own pages.
        seenAt.push([...settled]);
        return { delivered: batch.length, deadLettered: 0 };
      },
      undefined,
      aggregate(2),
    );
    expect(seenAt).toEqual([[], [0, 1]]);
    expect(settled.sort()).toEqual([0, 1, 2, 3]);
  });

  it("never tells a page-level filter's pages when the batch holding their aggregate failed", async () => {
    const settled: number[] = [];
    const failing = run(groupPages(settled), () => Promise.reject(new Error("target down")), undefined, aggregate(4));
    await expect(failing).rejects.toThrow("target down");
    expect(settled).toEqual([]);
  });
});
