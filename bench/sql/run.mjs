// `npm run bench` section 4 (issue 16), two jobs, each our connector next to a hand-written program
// in the same run, rounds interleaved (ours first in odd rounds, the baseline first in even ones):
//   in:  the peer bench's source API (SQL_BENCH_TOTAL records) → a PostgreSQL table, our SQL output
//        (COPY + merge on client_id) vs baseline.mjs (undici + pg COPY);
//   out: that many rows of a PostgreSQL table → the peer bench's sink, our SQL input and HTTP
//        output vs baseline-reverse.mjs (pg cursor + undici).
// Prints wall and CPU seconds, rows/s, peak RSS and RSS at each quarter of the run (flat memory
// shows as close figures), checks every row arrived (and, in, that both wrote the same rows), and
// the ratios: baseline time / ours, so 1.00 is par and higher is better.
// Env: SQL_BENCH_TOTAL (1000000), SQL_BENCH_ROUNDS (3), SQL_BENCH_JOBS (in,out),
// CANNECTORS_TEST_POSTGRES (postgres://postgres@127.0.0.1:5432/test), SQL_BENCH_BEFORE (the
// dist/cli/main.js of another build, e.g. main's: a third program in the same rounds, for A/B).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { measure } from "./measure.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const TOTAL = Number(process.env.SQL_BENCH_TOTAL ?? 1_000_000);
const ROUNDS = Number(process.env.SQL_BENCH_ROUNDS ?? 3);
const JOBS = (process.env.SQL_BENCH_JOBS ?? "in,out").split(",");
const PG = process.env.CANNECTORS_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test";
const CLI = path.join(root, "dist/cli/main.js");
const BEFORE = process.env.SQL_BENCH_BEFORE;
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-sql-bench-"));
const schema = `bench_${process.pid}`;
const COLUMNS =
  "client_id text PRIMARY KEY, full_name text, email text, phone text, company_name text, city text, postal_code text, country_code text, status text, signup_date date, ltv_cents bigint, currency text, tags jsonb, owner_id text";

// A port nothing listens on now: another helper's bench may be running.
const freePort = () =>
  new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function sql(text) {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function peerServer(role, env = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, "../shared/peer-bench/servers.mjs"), role, "--port", String(port)],
    { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  await new Promise((resolve) => child.stderr.on("data", (d) => String(d).includes("listening") && resolve()));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/**
 * Reads every page once, untimed: the source builds and caches a page on its first request, and
 * without this the first program timed would pay for building all of them.
 */
async function warm(url) {
  let cursor = null;
  do {
    const page = await (await fetch(`${url}/customers?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).json();
    cursor = page.next_cursor;
  } while (cursor);
}

function connectorYaml(name, input, output) {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `apiVersion: cannectors.dev/v1\nkind: Connector\nmetadata: { name: ${name} }\n${input}${output}`);
  return file;
}

const ours =
  (file, cli = CLI) =>
  () =>
    measure(
      process.execPath,
      [
        cli,
        "run",
        file,
        "--state",
        path.join(dir, `state-${Date.now()}.db`),
        "--dead-letter",
        path.join(dir, "dl.ndjson"),
      ],
      { env: { BENCH_DB: PG }, cwd: root, dir },
    );

/**
 * Rounds of [ours, baseline, (the other build)], interleaved: each round starts one program later,
 * so none always runs first. `check` after each run says whether every row arrived.
 */
async function rounds(title, programs, { before, check }) {
  const results = programs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = programs.map((_, k) => (k + round) % programs.length);
    for (const i of order) {
      await before();
      const t = await programs[i].run();
      results[i].push({ ...t, ...(await check(i)) });
    }
  }
  console.log(`\n## ${title}\n`);
  console.log("| program | round | seconds | CPU s | rows/s | peak RSS MB | RSS MB by quarter | rows ok |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  programs.forEach((p, i) => {
    for (const [round, r] of results[i].entries())
      console.log(
        `| ${p.name} | ${round + 1} | ${r.seconds} | ${r.cpu} | ${Math.round(r.rows / r.seconds)} | ${r.rssMb} | ${r.rssQuarters.join(" / ")} | ${r.ok ? "yes" : `NO (${r.rows}${r.why ? `: ${r.why}` : ""})`} |`,
      );
  });
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const [a, b] = results;
  const wall = median(b.map((r) => r.seconds)) / median(a.map((r) => r.seconds));
  const cpu = median(b.map((r) => r.cpu)) / median(a.map((r) => r.cpu));
  const perRound = a.map((r, k) => (b[k].seconds / r.seconds).toFixed(2)).join(", ");
  console.log(
    `\nratio (baseline / ours, median of ${ROUNDS}): time ${wall.toFixed(2)} (rounds: ${perRound}), CPU ${cpu.toFixed(2)}; peak RSS ours ${Math.max(...a.map((r) => r.rssMb))} MB, baseline ${Math.max(...b.map((r) => r.rssMb))} MB`,
  );
  const c = results[2];
  if (c)
    console.log(
      `ratio (baseline / other build): time ${(median(b.map((r) => r.seconds)) / median(c.map((r) => r.seconds))).toFixed(2)}, CPU ${(median(b.map((r) => r.cpu)) / median(c.map((r) => r.cpu))).toFixed(2)}; peak RSS ${Math.max(...c.map((r) => r.rssMb))} MB`,
    );
  return results.flat().every((r) => r.ok);
}

let ok = true;
await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
try {
  if (JOBS.includes("in")) {
    const source = await peerServer("source", { TOTAL: String(TOTAL) });
    const table = `${schema}.clients`;
    const expected = (await (await fetch(`${source.url}/meta`)).json()).counts;
    const wanted = TOTAL - (expected.inactive ?? 0);
    await sql(`CREATE TABLE ${table} (${COLUMNS})`);
    await warm(source.url);
    const yaml = readFileSync(path.join(root, "bench/peer/connector.yaml"), "utf8")
      .replace("http://peer-source.invalid", source.url)
      .replace(/^[\s\S]*?\ninput:/, "\ninput:")
      .replace(/\noutput:[\s\S]*$/, "\n");
    const file = connectorYaml(
      "peer-source-to-postgres",
      yaml,
      `output:\n  type: sql\n  connection: "\${secret:BENCH_DB}"\n  table: ${table}\n  mode: upsert\n  key: [client_id]\n  bulk: copy\n  batch: { size: 1000 }\nsettings: { concurrency: 8 }\n`,
    );
    const digests = [];
    ok &&= await rounds(
      `in: peer source (${TOTAL} records, ${wanted} kept) → PostgreSQL ${table}`,
      [
        { name: "cannectors (SQL output, COPY)", run: ours(file) },
        {
          name: "hand-written (undici + pg COPY)",
          run: () =>
            measure(process.execPath, [path.join(here, "baseline.mjs"), source.url, PG, table], { cwd: root, dir }),
        },
        ...(BEFORE ? [{ name: "cannectors, other build", run: ours(file, BEFORE) }] : []),
      ],
      {
        before: () => sql(`TRUNCATE ${table}`),
        check: async (i) => {
          const [{ n, digest }] = await sql(
            `SELECT COUNT(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY client_id)) AS digest FROM ${table} t`,
          );
          digests[i] ??= digest;
          const same = digests.every((d) => d === digest);
          return { rows: n, ok: n === wanted && same, why: same ? "" : "rows differ from the other program's" };
        },
      },
    );
    source.stop();
  }
  if (JOBS.includes("out")) {
    const sink = await peerServer("sink");
    const table = `${schema}.clients_out`;
    await sql(`CREATE TABLE ${table} (${COLUMNS})`);
    await sql(
      `INSERT INTO ${table} SELECT 'C' || lpad(i::text, 8, '0'), 'Ann ' || i, 'ann' || i || '@example.com', '+33 1 23 45 67 89', 'Acme ' || (i % 1000), 'Paris', '75001', 'FR', CASE WHEN i % 4 = 0 THEN 'PROSPECT' ELSE 'ACTIVE' END, DATE '2020-01-01' + (i % 1500), i * 137, 'EUR', jsonb_build_array('vip', 'tier' || (i % 5)), 'u' || (i % 50) FROM generate_series(1, ${TOTAL}) i`,
    );
    const file = connectorYaml(
      "postgres-to-peer-sink",
      `input:\n  type: sql\n  connection: "\${secret:BENCH_DB}"\n  table: ${table}\n  pageSize: 1000\n`,
      `output:\n  type: http\n  baseUrl: ${sink.url}\n  path: /clients/batch\n  batch: { size: 100 }\nsettings: { concurrency: 8 }\n`,
    );
    ok &&= await rounds(
      `out: PostgreSQL ${table} (${TOTAL} rows) → peer sink`,
      [
        { name: "cannectors (SQL input, HTTP output)", run: ours(file) },
        {
          name: "hand-written (pg cursor + undici)",
          run: () =>
            measure(process.execPath, [path.join(here, "baseline-reverse.mjs"), PG, table, sink.url], {
              cwd: root,
              dir,
            }),
        },
        ...(BEFORE ? [{ name: "cannectors, other build", run: ours(file, BEFORE) }] : []),
      ],
      {
        before: () => fetch(`${sink.url}/reset`, { method: "POST" }).then((r) => r.text()),
        check: async () => {
          const stats = await (await fetch(`${sink.url}/stats`)).json();
          return { rows: stats.unique, ok: stats.unique === TOTAL && stats.duplicates === 0 && stats.errors === 0 };
        },
      },
    );
    sink.stop();
  }
} finally {
  await sql(`DROP SCHEMA ${schema} CASCADE`);
}
if (!ok) process.exitCode = 1;
