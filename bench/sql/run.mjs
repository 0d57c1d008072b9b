// `npm run bench` section: the peer bench's source API (TOTAL records, default 1,000,000) → a
// PostgreSQL table, our connector (SQL output, COPY + merge on client_id) next to the hand-written
// baseline.mjs, in the same run. Prints each one's time, rows/s, peak RSS and the ratio.
// Env: SQL_BENCH_TOTAL (1000000), CANNECTORS_TEST_POSTGRES (postgres://postgres@127.0.0.1:5432/test).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const TOTAL = process.env.SQL_BENCH_TOTAL ?? "1000000";
const PG = process.env.CANNECTORS_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test";
// A port nothing listens on now: another helper's bench may be running.
const PORT = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-sql-bench-"));
const schema = `bench_${process.pid}`;
const table = `${schema}.clients`;
const DDL = `CREATE TABLE ${table} (client_id text PRIMARY KEY, full_name text, email text, phone text, company_name text, city text, postal_code text, country_code text, status text, signup_date date, ltv_cents bigint, currency text, tags jsonb, owner_id text)`;

async function sql(text) {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (MB). */
function timed(command, args, env = {}) {
  const out = path.join(dir, "time.txt");
  execFileSync("/usr/bin/time", ["-f", "%e %M", "-o", out, command, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    cwd: root,
  });
  const [seconds, kb] = readFileSync(out, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return { seconds, rssMb: Math.round(kb / 1024) };
}

const source = spawn(
  process.execPath,
  [path.join(root, "../shared/peer-bench/servers.mjs"), "source", "--port", String(PORT)],
  { env: { ...process.env, TOTAL }, stdio: ["ignore", "ignore", "pipe"] },
);
await new Promise((resolve) => source.stderr.on("data", (d) => String(d).includes("listening") && resolve()));
const sourceUrl = `http://127.0.0.1:${PORT}`;
const expected = (await (await fetch(`${sourceUrl}/meta`)).json()).counts;
const wanted = TOTAL - (expected.inactive ?? 0);
await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);

const yaml = readFileSync(path.join(root, "bench/peer/connector.yaml"), "utf8")
  .replace("http://peer-source.invalid", sourceUrl)
  .replace(
    /\noutput:[\s\S]*?\nsettings:/,
    `\noutput:\n  type: sql\n  connection: "\${secret:BENCH_DB}"\n  table: ${table}\n  mode: upsert\n  key: [client_id]\n  bulk: copy\n  batch: { size: 1000 }\nsettings:`,
  );
writeFileSync(path.join(dir, "connector.yaml"), yaml);

const results = [];
for (const [name, run] of [
  [
    "cannectors",
    () =>
      timed(
        process.execPath,
        [
          path.join(root, "dist/cli/main.js"),
          "run",
          path.join(dir, "connector.yaml"),
          "--state",
          path.join(dir, `state-${Date.now()}.db`),
          "--dead-letter",
          path.join(dir, "dl.ndjson"),
        ],
        { BENCH_DB: PG },
      ),
  ],
  [
    "hand-written (undici + pg COPY)",
    () => timed(process.execPath, [path.join(here, "baseline.mjs"), sourceUrl, PG, table]),
  ],
]) {
  await sql(`TRUNCATE ${table}`).catch(() => sql(DDL));
  const t = run();
  const [{ n }] = await sql(`SELECT COUNT(*)::int AS n FROM ${table}`);
  results.push({ name, ...t, rows: n, ok: n === wanted });
}
source.kill();
await sql(`DROP SCHEMA ${schema} CASCADE`);
console.log(`\n# SQL: peer source (${TOTAL} records, ${wanted} kept) → PostgreSQL ${table}\n`);
console.log("| program | seconds | rows/s | peak RSS MB | rows ok |\n| --- | --- | --- | --- | --- |");
for (const r of results)
  console.log(
    `| ${r.name} | ${r.seconds} | ${Math.round(r.rows / r.seconds)} | ${r.rssMb} | ${r.ok ? "yes" : `NO (${r.rows})`} |`,
  );
const [ours, baseline] = results;
console.log(`\nratio (baseline time / ours): ${(baseline.seconds / ours.seconds).toFixed(2)}`);
if (results.some((r) => !r.ok)) process.exitCode = 1;
