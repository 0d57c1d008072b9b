/**
 * The best hand-written Node program for the bench job: undici pools with keep-alive, the next
 * source page requested while the current one is mapped, a plain JS mapping function, batches
 * POSTed 8 at a time; in single-record mode, requests pipelined on the kept-alive connections.
 * Prints `{"read", "sent", "durationMs"}` as JSON on stdout.
 */
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { type ErpClient, keep, mapRecord } from "./mapping.js";
import type { CrmRecord } from "./records.js";

export interface BaselineOptions {
  sourceUrl: string;
  targetUrl: string;
  mode: "batch" | "single";
  batchSize: number;
  concurrency: number;
  pipelining: number;
}

interface Page {
  data: CrmRecord[];
  next_cursor: string | null;
  has_more: boolean;
}

export async function runBaseline(options: BaselineOptions): Promise<{ read: number; sent: number }> {
  const source = new Pool(options.sourceUrl, { connections: 2 });
  const single = options.mode === "single";
  const target = new Pool(options.targetUrl, {
    connections: options.concurrency,
    pipelining: single ? options.pipelining : 1,
  });
  const inFlightMax = single ? options.concurrency * options.pipelining : options.concurrency;
  const inFlight = new Set<Promise<void>>();
  let read = 0;
  let sent = 0;

  const fetchPage = async (cursor: string | null): Promise<Page> => {
    const query = cursor === null ? "limit=100" : `limit=100&cursor=${encodeURIComponent(cursor)}`;
    const response = await source.request({ method: "GET", path: `/customers?${query}` });
    if (response.statusCode !== 200) throw new Error(`source answered ${response.statusCode}`);
    return (await response.body.json()) as Page;
  };
  const post = async (path: string, body: unknown, count: number): Promise<void> => {
    const response = await target.request({
      method: "POST",
      path,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`target answered ${response.statusCode}`);
    sent += count;
  };
  const send = async (path: string, body: unknown, count: number) => {
    const request = post(path, body, count).finally(() => inFlight.delete(request));
    inFlight.add(request);
    while (inFlight.size >= inFlightMax) await Promise.race(inFlight);
  };

  let batch: ErpClient[] = [];
  let next: Promise<Page> | undefined = fetchPage(null);
  while (next) {
    const page: Page = await next;
    next = page.has_more ? fetchPage(page.next_cursor) : undefined;
    for (const record of page.data) {
      read++;
      if (!keep(record)) continue;
      const mapped = mapRecord(record);
      if (single) {
        await send("/clients", mapped, 1);
        continue;
      }
      batch.push(mapped);
      if (batch.length >= options.batchSize) {
        const full = batch;
        batch = [];
        await send("/clients/batch", { clients: full }, full.length);
      }
    }
  }
  if (batch.length > 0) await send("/clients/batch", { clients: batch }, batch.length);
  await Promise.all(inFlight);
  await Promise.all([source.close(), target.close()]);
  return { read, sent };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      source: { type: "string" },
      target: { type: "string" },
      mode: { type: "string", default: "batch" },
      batch: { type: "string", default: "100" },
      concurrency: { type: "string", default: "8" },
      pipelining: { type: "string", default: "4" },
    },
  });
  if (!values.source || !values.target) throw new Error("usage: baseline --source URL --target URL [--mode single]");
  const started = performance.now();
  const result = await runBaseline({
    sourceUrl: values.source,
    targetUrl: values.target,
    mode: values.mode === "single" ? "single" : "batch",
    batchSize: Number(values.batch),
    concurrency: Number(values.concurrency),
    pipelining: Number(values.pipelining),
  });
  process.stdout.write(`${JSON.stringify({ ...result, durationMs: performance.now() - started })}\n`);
}

if (process.argv[1]?.endsWith("baseline.js")) await main();
