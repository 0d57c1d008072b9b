/**
 * `npm run bench`: our own bench (bench/throughput, start-up section included), then the independent
 * peer bench (bash bench/peer/run.sh: ../shared/peer-bench's servers and hand-written baseline as
 * they are, our connector), each printing its own tables under a heading, then both side by side.
 *
 * Arguments go to our bench (`npm run bench -- --quick --rounds 3`). The environment sets the peer
 * bench: PEER_ROUNDS (5), PEER_N (100000 records), PEER=skip to leave it out. Quicker everything:
 * `PEER_ROUNDS=1 PEER_N=20000 npm run bench -- --quick --rounds 1`. SQL_BENCH=skip leaves out the
 * SQL section (bench/sql), SQL_BENCH_TOTAL sizes it; FILES_BENCH=skip the files section (bench/files),
 * FILES_BENCH_TOTAL sizes it; BROKER_BENCH=skip the broker section (bench/brokers), BROKER_BENCH_TOTAL
 * and BROKER_BENCH_ROUNDS size it. WEBHOOK_BENCH=skip leaves out webhook
 * acceptance (bench/webhooks); WEBHOOK_SECONDS (10 per level) and WEBHOOK_ROUNDS (1) size it.
 * WORKERS_BENCH=skip leaves out the workers
 * section (bench/workers), WORKERS_SECONDS (10) sets its load time per setup.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type PeerModeSummary, summarisePeer } from "../peer/summary.js";
import { ROOT } from "../throughput/paths.js";
import type { BenchReport } from "../throughput/report.js";
import { sideBySide } from "./side-by-side.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-bench-"));
let failed = false;

/** Runs a child with our stdio; resolves to its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A port nothing listens on now: two peer benches (or another helper's) must not share servers. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

console.log("# 1. our bench (bench/throughput: servers, baseline and connector of our own)\n");
const ownJson = path.join(dir, "ours.json");
const ownCode = await run(process.execPath, [
  path.join(ROOT, "dist/bench/throughput/run.js"),
  ...process.argv.slice(2),
  "--json-out",
  ownJson,
]);
if (ownCode !== 0) failed = true;
const ours = existsSync(ownJson) ? (JSON.parse(readFileSync(ownJson, "utf8")) as BenchReport) : undefined;

if (process.env.DEPENDENT === "skip") {
  console.log("\n# 1b. dependent requests: skipped (DEPENDENT=skip)");
} else {
  const rounds = process.env.DEPENDENT_ROUNDS ?? "3";
  console.log(`\n# 1b. dependent requests (bench/dependent: 1,000 parents × 20 children, ${rounds} rounds)\n`);
  const code = await run(process.execPath, [path.join(ROOT, "dist/bench/dependent/run.js"), "--rounds", rounds]);
  if (code !== 0) failed = true;
}

let peer: PeerModeSummary[] = [];
if (process.env.PEER === "skip") {
  console.log("\n# 2. peer bench: skipped (PEER=skip)");
} else {
  const rounds = process.env.PEER_ROUNDS ?? "5";
  const records = process.env.PEER_N ?? "100000";
  console.log(
    `\n# 2. peer bench (../shared/peer-bench: its servers and hand-written baseline; ${rounds} rounds of ${records} records)\n`,
  );
  const out = path.join(dir, "peer.jsonl");
  const [source, sink] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    ROUNDS: rounds,
    N: records,
    OUT: out,
    SRC_PORT: String(source),
    SINK_PORT: String(sink),
  };
  const peerCode = await run("bash", [path.join(ROOT, "bench/peer/run.sh")], env);
  if (peerCode !== 0) failed = true;
  if (existsSync(out)) peer = summarisePeer(out);
  if (peer.some((mode) => !mode.verified)) failed = true;
}

console.log(`\n# 3. side by side\n\n${sideBySide(ours, peer)}`);

// Issue 16: the peer source into PostgreSQL and PostgreSQL into the peer sink, each next to a hand-written program.
if (process.env.SQL_BENCH === "skip") console.log("\n# 4. SQL bench: skipped (SQL_BENCH=skip)");
else {
  console.log(
    "\n# 4. SQL bench (bench/sql/run.mjs: peer source → PostgreSQL → peer sink; SQL_BENCH_TOTAL records, default 1,000,000)",
  );
  if ((await run(process.execPath, [path.join(ROOT, "bench/sql/run.mjs")])) !== 0) failed = true;
}
// Issue 17: a SQLite table → NDJSON and Parquet files, our files output next to a hand-written better-sqlite3 + hyparquet-writer program.
if (process.env.FILES_BENCH === "skip") console.log("\n# 5. files bench: skipped (FILES_BENCH=skip)");
else {
  console.log(
    "\n# 5. files bench (bench/files/run.mjs: SQLite → local files; FILES_BENCH_TOTAL rows, default 200,000)\n",
  );
  if ((await run(process.execPath, [path.join(ROOT, "bench/files/run.mjs")])) !== 0) failed = true;
}
// Issue 17: RabbitMQ → the peer sink and the peer source → NATS JetStream, each next to a hand-written amqplib / NATS client program.
if (process.env.BROKER_BENCH === "skip") console.log("\n# 5b. broker bench: skipped (BROKER_BENCH=skip)");
else {
  console.log(
    "\n# 5b. broker bench (bench/brokers/run.mjs: AMQP → peer sink, peer source → NATS JetStream; BROKER_BENCH_TOTAL records, default 1,000,000)",
  );
  if ((await run(process.execPath, [path.join(ROOT, "bench/brokers/run.mjs")])) !== 0) failed = true;
}
// Issue 18: webhook acceptance of one serve process next to a hand-written node:http + SQLite baseline.
if (process.env.WEBHOOK_BENCH === "skip") console.log("\n# 6. webhook acceptance: skipped (WEBHOOK_BENCH=skip)");
else {
  const seconds = process.env.WEBHOOK_SECONDS ?? "10";
  console.log(`\n# 6. webhook acceptance (bench/webhooks: 10/50/200 connections, ${seconds} s each, vs baseline)\n`);
  const args = ["--seconds", seconds, "--rounds", process.env.WEBHOOK_ROUNDS ?? "1"];
  if ((await run(process.execPath, [path.join(ROOT, "dist/bench/webhooks/run.js"), ...args])) !== 0) failed = true;
}
// Issue 18: webhook deliveries with 1, 2, 4 serve workers on PostgreSQL (pg-boss) beside one SQLite process.
if (process.env.WORKERS_BENCH === "skip") console.log("\n# 7. workers bench: skipped (WORKERS_BENCH=skip)");
else {
  console.log(
    "\n# 7. workers bench (bench/workers: webhook deliveries, 1, 2, 4 workers on PostgreSQL, one on SQLite)\n",
  );
  const args = ["--seconds", process.env.WORKERS_SECONDS ?? "10"];
  if ((await run(process.execPath, [path.join(ROOT, "dist/bench/workers/run.js"), ...args])) !== 0) failed = true;
}
if (failed) process.exitCode = 1;
