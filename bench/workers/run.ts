/**
 * Workers on a job engine (issue 18): webhook deliveries accepted and processed per second, and CPU
 * per delivery, with 1, 2 and 4 `cannectors serve` workers sharing one PostgreSQL state (pg-boss
 * jobs), beside one serve process on an SQLite state. The load (autocannon, 50 keep-alive
 * connections in all, spread over the workers) posts to 8 webhook connectors in turn; a run takes
 * a connector's lease, so up to 8 runs go on at once, wherever the jobs land. Every accepted
 * delivery must reach the sink. PostgreSQL's CPU is that of every `postgres` process on the machine
 * (other users of the server included).
 * Usage: npm run build && node dist/bench/workers/run.js [--seconds 10] [--workers 1,2,4] [--connections 50]
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startSink } from "../webhooks/sink.js";
import { postSpread } from "./load.js";
import { processCpuMs } from "../support/serve-process.js";
import { startWorker, type Worker, writeConnectors } from "./workers.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    workers: { type: "string", default: "1,2,4" },
    connections: { type: "string", default: "50" },
    "drain-timeout": { type: "string", default: "120" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const CONNECTORS = Array.from({ length: 8 }, (_, i) => `bench-hook-${i}`);

async function findPostgres(): Promise<string | undefined> {
  const candidates = process.env.CANNECTORS_TEST_POSTGRES
    ? [process.env.CANNECTORS_TEST_POSTGRES]
    : ["postgres://postgres@127.0.0.1:5432/test", "postgres://root@127.0.0.1:5432/test"];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      return url;
    } catch {
      // next candidate
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") total += processCpuMs(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

interface Row {
  setup: string;
  accepted: number;
  acceptedPerSecond: number;
  processedPerSecond: number;
  p99: number;
  serveCpuUs: number;
  postgresCpuUs: number;
  lost: number;
  duplicated: number;
}

async function measure(setup: string, state: string, workerCount: number): Promise<Row> {
  const sink = await startSink();
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-bench-workers-"));
  writeConnectors(dir, CONNECTORS, sink.url);
  const workers: Worker[] = [await startWorker(dir, state)];
  workers.push(...(await Promise.all(Array.from({ length: workerCount - 1 }, () => startWorker(dir, state)))));
  try {
    const serveBefore = workers.reduce((sum, w) => sum + w.cpuMs(), 0);
    const pgBefore = postgresCpuMs();
    const started = Date.now();
    const load = await postSpread(
      workers.map((w) => w.url),
      CONNECTORS,
      connections,
      seconds,
    );
    const missing = () => load.accepted.filter((id) => !sink.received.has(id)).length;
    while (missing() > 0 && Date.now() - started < (seconds + Number(values["drain-timeout"])) * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const processedMs = Date.now() - started;
    const serveCpu = workers.reduce((sum, w) => sum + w.cpuMs(), 0) - serveBefore;
    const pgCpu = postgresCpuMs() - pgBefore;
    const n = Math.max(1, load.accepted.length);
    return {
      setup,
      accepted: load.accepted.length,
      acceptedPerSecond: load.accepted.length / load.seconds,
      processedPerSecond: load.accepted.length / (processedMs / 1000),
      p99: load.p99,
      serveCpuUs: (serveCpu * 1000) / n,
      postgresCpuUs: (pgCpu * 1000) / n,
      lost: missing(),
      duplicated: [...sink.received.values()].filter((count) => count > 1).length,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await sink.close();
  }
}

const rows: Row[] = [];
const sqliteDir = mkdtempSync(path.join(tmpdir(), "cannectors-bench-workers-state-"));
rows.push(await measure("1 process, SQLite", path.join(sqliteDir, "state.db"), 1));
console.error(`SQLite: ${Math.round(rows.at(-1)!.acceptedPerSecond)}/s accepted`);
const postgres = await findPostgres();
if (postgres === undefined)
  console.log("PostgreSQL not reachable on 127.0.0.1:5432 (database test): worker rows left out");
else {
  for (const count of values.workers.split(",").map(Number)) {
    const schema = `bench_workers_${process.pid}_${count}`;
    const url = new URL(postgres);
    url.searchParams.set("schema", schema);
    try {
      rows.push(await measure(`${count} worker${count > 1 ? "s" : ""}, PostgreSQL + pg-boss`, url.toString(), count));
      console.error(`${count} workers: ${Math.round(rows.at(-1)!.acceptedPerSecond)}/s accepted`);
    } finally {
      const client = new pg.Client({ connectionString: postgres });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
      await client.end();
    }
  }
}

console.log(
  `## Workers: webhook deliveries over 8 connectors, ${connections} connections for ${seconds} s (this 2-core machine)\n`,
);
console.log(
  "| setup | accepted | accepted/s | p99 ms | processed/s (load start → last at sink) | serve CPU µs/delivery | PostgreSQL CPU µs/delivery | lost | duplicated |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.setup} | ${r.accepted} | ${Math.round(r.acceptedPerSecond)} | ${r.p99} | ${Math.round(r.processedPerSecond)} | ${Math.round(r.serveCpuUs)} | ${r.setup.includes("SQLite") ? "—" : Math.round(r.postgresCpuUs)} | ${r.lost} | ${r.duplicated} |`,
  );
}
if (rows.some((r) => r.lost > 0)) {
  console.log("\nFAILED: accepted deliveries did not reach the sink");
  process.exitCode = 1;
}
