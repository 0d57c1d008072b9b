/**
 * The source and target APIs of the throughput bench, on 127.0.0.1. They run in a child process
 * (`startBenchServers` forks this file): the process being measured is then the client alone, and
 * the baseline and Cannectors pay exactly the same server cost on the shared CPU.
 */
import { fork } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { built } from "./paths.js";
import { crmRecord } from "./records.js";

export interface ServerConfig {
  records: number;
  seed: number;
}

export interface TargetStats {
  requests: number;
  received: number;
  unique: number;
  duplicates: number;
  missingId: number;
}

export interface BenchServers {
  sourceUrl: string;
  targetUrl: string;
  stats(): Promise<TargetStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const PAGE_LIMIT_MAX = 1000;

function sourceHandler(config: ServerConfig) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://source");
    if (url.pathname !== "/customers") return reply(res, 404, { error: "not found" });
    const offset = Number(url.searchParams.get("cursor") ?? "0");
    const limit = Math.min(Number(url.searchParams.get("limit") ?? "100"), PAGE_LIMIT_MAX);
    const end = Math.min(offset + limit, config.records);
    const data = [];
    for (let i = offset; i < end; i++) data.push(crmRecord(i, config.seed));
    const hasMore = end < config.records;
    reply(res, 200, { data, next_cursor: hasMore ? String(end) : null, has_more: hasMore });
  };
}

function targetHandler() {
  const seen = new Set<unknown>();
  const stats: TargetStats = { requests: 0, received: 0, unique: 0, duplicates: 0, missingId: 0 };
  const count = (record: unknown) => {
    stats.received++;
    const id = (record as { client_id?: unknown } | null)?.client_id;
    if (id === undefined) stats.missingId++;
    else if (seen.has(id)) stats.duplicates++;
    else {
      seen.add(id);
      stats.unique++;
    }
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET" && req.url === "/stats") return reply(res, 200, stats);
    if (req.method === "POST" && req.url === "/reset") {
      seen.clear();
      Object.assign(stats, { requests: 0, received: 0, unique: 0, duplicates: 0, missingId: 0 });
      return reply(res, 200, stats);
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      stats.requests++;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
      if (req.url === "/clients/batch") {
        const list = Array.isArray(body) ? body : (body as { clients?: unknown[] }).clients;
        for (const record of list ?? []) count(record);
      } else if (req.url === "/clients") {
        count(body);
      } else {
        return reply(res, 404, { error: "not found" });
      }
      reply(res, 200, { ok: true });
    });
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer({ keepAliveTimeout: 60_000 }, handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Forks the servers; resolves once both listen. */
export async function startBenchServers(config: ServerConfig): Promise<BenchServers> {
  const child = fork(built("servers"), ["--serve", JSON.stringify(config)], { stdio: "inherit" });
  const urls = await new Promise<{ sourceUrl: string; targetUrl: string }>((resolve, reject) => {
    child.once("message", (message) => resolve(message as { sourceUrl: string; targetUrl: string }));
    child.once("exit", (code) => reject(new Error(`bench servers exited with ${code}`)));
  });
  const call = async (method: string, path: string) => {
    const response = await fetch(`${urls.targetUrl}${path}`, { method });
    return (await response.json()) as TargetStats;
  };
  return {
    ...urls,
    stats: () => call("GET", "/stats"),
    reset: async () => {
      await call("POST", "/reset");
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

if (process.argv[2] === "--serve") {
  const config = JSON.parse(process.argv[3] ?? "{}") as ServerConfig;
  const sourceUrl = await listen(sourceHandler(config));
  const targetUrl = await listen(targetHandler());
  process.send?.({ sourceUrl, targetUrl });
  process.on("disconnect", () => process.exit(0));
}
