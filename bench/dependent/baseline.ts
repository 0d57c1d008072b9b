/**
 * The hand-written undici program for the dependent-requests job: order pages one after the other
 * (the next one requested while the current one's items are fetched), the items of one page's
 * orders `concurrency` at a time, kept in order, each item given its order's id, batches of `batch`
 * POSTed `posts` at a time. Prints `{"read", "sent"}` as JSON on stdout.
 */
import { parseArgs } from "node:util";
import { Pool } from "undici";

interface Order {
  id: string;
}
type Item = Record<string, unknown> & { sku: string };

export async function runDependentBaseline(options: {
  sourceUrl: string;
  sinkUrl: string;
  pageSize: number;
  concurrency: number;
  batch: number;
  posts: number;
}): Promise<{ read: number; sent: number }> {
  const source = new Pool(options.sourceUrl, { connections: options.concurrency + 1 });
  const sink = new Pool(options.sinkUrl, { connections: options.posts });
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await source.request({ method: "GET", path });
    if (response.statusCode !== 200) throw new Error(`source answered ${response.statusCode} for ${path}`);
    return (await response.body.json()) as T;
  };
  const ordersPage = (page: number) => getJson<{ data: Order[] }>(`/orders?page=${page}&size=${options.pageSize}`);
  const inFlight = new Set<Promise<void>>();
  let read = 0;
  let sent = 0;
  let batch: Item[] = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    const post = (async () => {
      const response = await sink.request({
        method: "POST",
        path: "/sink",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ items }),
      });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`sink answered ${response.statusCode}`);
      sent += items.length;
    })().finally(() => inFlight.delete(post));
    inFlight.add(post);
    while (inFlight.size >= options.posts) await Promise.race(inFlight);
  };

  let page = 1;
  let next: Promise<{ data: Order[] }> | undefined = ordersPage(page);
  while (next) {
    const orders: Order[] = (await next).data;
    next = orders.length === options.pageSize ? ordersPage(++page) : undefined;
    // Items of this page's orders, `concurrency` requests at a time, read back in order.
    const results: Promise<Item[]>[] = [];
    let started = 0;
    const fetchItems = (order: Order) =>
      getJson<{ data: Item[] }>(`/orders/${encodeURIComponent(order.id)}/items`).then((body) => body.data);
    const startNext = (): void => {
      if (started >= orders.length) return;
      const order = orders[started++]!;
      results.push(fetchItems(order).finally(startNext));
    };
    for (let i = 0; i < options.concurrency; i++) startNext();
    for (let index = 0; index < orders.length; index++) {
      const items = await results[index]!;
      for (const item of items) {
        read++;
        item.order_id = orders[index]!.id;
        batch.push(item);
        if (batch.length >= options.batch) await flush();
      }
    }
  }
  if (batch.length > 0) await flush();
  await Promise.all(inFlight);
  await Promise.all([source.close(), sink.close()]);
  return { read, sent };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      source: { type: "string" },
      sink: { type: "string" },
      "page-size": { type: "string", default: "100" },
      concurrency: { type: "string", default: "8" },
      batch: { type: "string", default: "100" },
      posts: { type: "string", default: "4" },
    },
  });
  if (!values.source || !values.sink) throw new Error("usage: baseline --source URL --sink URL");
  const result = await runDependentBaseline({
    sourceUrl: values.source,
    sinkUrl: values.sink,
    pageSize: Number(values["page-size"]),
    concurrency: Number(values.concurrency),
    batch: Number(values.batch),
    posts: Number(values.posts),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1]?.endsWith("baseline.js")) await main();
