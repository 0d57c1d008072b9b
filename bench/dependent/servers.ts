/**
 * The dependent-requests bench's loopback APIs, in the bench process: `GET /orders?page=N` (pages of
 * `pageSize` orders), `GET /orders/{id}/items` (one page of `itemsPerOrder` items), and a sink that
 * counts each item once by `sku` and checks it carries its order's id. Bodies are serialised once.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface DependentJob {
  orders: number;
  itemsPerOrder: number;
  pageSize: number;
}

export interface SinkStats {
  unique: number;
  duplicates: number;
  /** Items whose `order_id` is not the order in their sku: a carried field lost or wrong. */
  wrongParent: number;
}

export interface DependentServers {
  sourceUrl: string;
  sinkUrl: string;
  reset(): void;
  stats(): SinkStats;
  close(): Promise<void>;
}

const orderId = (index: number) => `ord-${String(index + 1).padStart(6, "0")}`;

export async function startDependentServers(job: DependentJob): Promise<DependentServers> {
  const pages = new Map<number, string>();
  for (let page = 1; (page - 1) * job.pageSize < job.orders; page++) {
    const from = (page - 1) * job.pageSize;
    const orders = Array.from({ length: Math.min(job.pageSize, job.orders - from) }, (_, i) => ({
      id: orderId(from + i),
      status: "paid",
      total: "129.90",
    }));
    pages.set(page, JSON.stringify({ data: orders }));
  }
  const itemsOf = (id: string) =>
    JSON.stringify({
      data: Array.from({ length: job.itemsPerOrder }, (_, j) => ({
        sku: `${id}/${j + 1}`,
        qty: j + 1,
        price: "6.495",
      })),
    });
  const empty = JSON.stringify({ data: [] });
  const source = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const match = /^\/orders\/([^/]+)\/items$/.exec(url.pathname);
    const body = match
      ? itemsOf(decodeURIComponent(match[1]!))
      : (pages.get(Number(url.searchParams.get("page") ?? 1)) ?? empty);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  const seen = new Set<string>();
  let duplicates = 0;
  let wrongParent = 0;
  const sink = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { items: { sku: string; order_id: string }[] };
      for (const item of body.items) {
        if (seen.has(item.sku)) duplicates++;
        seen.add(item.sku);
        if (!item.sku.startsWith(`${item.order_id}/`)) wrongParent++;
      }
      res.writeHead(200, { "content-type": "application/json", "content-length": 2 });
      res.end("{}");
    });
  });
  const listen = (server: Server) =>
    new Promise<string>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
    );
  const [sourceUrl, sinkUrl] = [await listen(source), await listen(sink)];
  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    sourceUrl,
    sinkUrl,
    reset: () => {
      seen.clear();
      duplicates = 0;
      wrongParent = 0;
    },
    stats: () => ({ unique: seen.size, duplicates, wrongParent }),
    close: async () => {
      await Promise.all([close(source), close(sink)]);
    },
  };
}
