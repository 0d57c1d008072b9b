import { createServer, type IncomingMessage, type Server } from "node:http";
import { listenOnLoopback } from "./http-server.js";

/** One request as the target saw it. */
export interface Arrival {
  connector: string;
  worker: string;
  ids: string[];
  key: string | undefined;
}

/**
 * The target of the worker test: records every request (connector from the path `/c/NAME`, the
 * sending worker from `x-worker`) and watches, per connector, which workers have a request in
 * flight. Each answer is held `holdMs`, so a run spends most of its time with a request in flight:
 * two runs of one connector on two workers at once would show as a request of each in flight
 * together. A request ends when it is answered or its connection closes (a SIGKILLed sender).
 */
export interface Recorder {
  url: string;
  arrivals: Arrival[];
  /** "connector: worker A while worker B in flight", one per overlap seen. */
  overlaps: string[];
  close(): Promise<void>;
}

export async function startRecorder(holdMs: number): Promise<Recorder> {
  const arrivals: Arrival[] = [];
  const overlaps: string[] = [];
  const inFlight = new Map<string, Map<string, number>>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    const connector = /^\/c\/([\w-]+)/.exec(req.url ?? "")?.[1] ?? "?";
    const worker = String(req.headers["x-worker"] ?? "?");
    const flights = inFlight.get(connector) ?? new Map<string, number>();
    inFlight.set(connector, flights);
    for (const [other, count] of flights) {
      if (other !== worker && count > 0) overlaps.push(`${connector}: ${worker} while ${other} in flight`);
    }
    flights.set(worker, (flights.get(worker) ?? 0) + 1);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      flights.set(worker, (flights.get(worker) ?? 1) - 1);
    };
    // Emitted once answered, and as soon as the connection drops (a SIGKILLed sender).
    res.on("close", end);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string } | { id: string }[];
      const ids = (Array.isArray(body) ? body : [body]).map((record) => String(record.id));
      const key = req.headers["idempotency-key"];
      arrivals.push({ connector, worker, ids, key: typeof key === "string" ? key : undefined });
      setTimeout(() => {
        res.setHeader("content-type", "application/json");
        res.end("{}");
      }, holdMs);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, arrivals, overlaps, close };
}

/**
 * Sources of the polling connectors: `/s/NAME?since=…&cursor=N`, cursor-paginated, `since`
 * strictly greater on `updated`; `grow` appends records to every source while the test runs.
 */
export async function startGrowingSources(names: string[], pageSize: number) {
  const data = new Map(names.map((name) => [name, [] as { id: string; updated: string }[]]));
  let serial = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const rows = data.get(url.pathname.split("/")[2] ?? "") ?? [];
    const since = url.searchParams.get("since");
    const matching = since ? rows.filter((row) => row.updated > since) : rows;
    const offset = Number(url.searchParams.get("cursor") ?? 0);
    const next = offset + pageSize < matching.length ? String(offset + pageSize) : null;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ items: matching.slice(offset, offset + pageSize), next }));
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    data,
    grow(perSource: number) {
      for (const [name, rows] of data) {
        for (let i = 0; i < perSource; i++) {
          serial++;
          rows.push({ id: `${name}-${serial}`, updated: String(serial).padStart(10, "0") });
        }
      }
    },
    close,
  };
}
