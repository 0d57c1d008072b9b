// `npm run bench` section: a SQLite table (FILES_BENCH_TOTAL rows, default 200,000) → files in a
// local folder, NDJSON and Parquet, our connector (files output, roll 10,000) next to the
// hand-written baseline.mjs, in the same run. Prints time, rows/s, peak RSS and the ratio
// (ours rows/s ÷ baseline rows/s), after checking that both wrote every row.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { parquetMetadata } from "hyparquet";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TOTAL = Number(process.env.FILES_BENCH_TOTAL ?? 200_000);
const ROLL = 10_000;
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-files-bench-"));
const db = path.join(dir, "source.db");
const source = new Database(db);
source.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, region TEXT, amount REAL, note TEXT, created TEXT)");
source.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${TOTAL})
  INSERT INTO items SELECT i, 'region-' || (i % 7), i * 1.25, 'note for item ' || i,
  strftime('%Y-%m-%dT%H:%M:%SZ', 1700000000 + i, 'unixepoch') FROM n`);
source.close();

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (MB). */
function timed(command, args) {
  const out = path.join(dir, "time.txt");
  // The connector's log lines are not the bench's output: stderr is dropped, a failure still throws.
  execFileSync("/usr/bin/time", ["-f", "%e %M", "-o", out, command, ...args], { stdio: "ignore", cwd: root });
  const [seconds, kb] = readFileSync(out, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return { seconds, rssMb: Math.round(kb / 1024) };
}

/** Rows in every visible file under `folder` (NDJSON lines, Parquet row counts). */
function rowsIn(folder, format) {
  let rows = 0;
  for (const name of readdirSync(folder)) {
    if (name.startsWith(".")) continue;
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) rows += rowsIn(file, format);
    else if (format === "ndjson") rows += readFileSync(file, "utf8").trimEnd().split("\n").length;
    else rows += Number(parquetMetadata(new Uint8Array(readFileSync(file)).buffer).num_rows);
  }
  return rows;
}

console.log(`| format | program | seconds | rows/s | peak RSS MB |\n| --- | --- | --- | --- | --- |`);
const ratios = [];
for (const format of ["ndjson", "parquet"]) {
  const ours = path.join(dir, `ours-${format}`);
  const yaml = path.join(dir, `${format}.yaml`);
  writeFileSync(
    yaml,
    `apiVersion: cannectors.dev/v1\nkind: Connector\nmetadata: { name: bench-files }\ninput:\n  type: sql\n  connection: "sqlite:${db}"\n  table: items\n  incremental: { column: id, key: id }\n  pageSize: 1000\noutput:\n  type: files\n  location: ${ours}\n  format: ${format}\n  roll: { records: ${ROLL} }\n`,
  );
  const theirs = path.join(dir, `baseline-${format}`);
  const runs = {
    cannectors: timed(process.execPath, [
      path.join(root, "dist/cli/main.js"),
      "run",
      yaml,
      "--state",
      path.join(dir, `${format}.db`),
    ]),
    "hand-written": timed(process.execPath, [
      path.join(root, "bench/files/baseline.mjs"),
      db,
      theirs,
      format,
      String(ROLL),
    ]),
  };
  for (const [name, folder] of [
    ["cannectors", ours],
    ["hand-written", theirs],
  ]) {
    const rows = rowsIn(folder, format);
    if (rows !== TOTAL) throw new Error(`${name} ${format}: ${rows} rows written, ${TOTAL} expected`);
  }
  for (const [name, { seconds, rssMb }] of Object.entries(runs)) {
    console.log(`| ${format} | ${name} | ${seconds.toFixed(2)} | ${Math.round(TOTAL / seconds)} | ${rssMb} |`);
  }
  ratios.push(`${format} ${(runs["hand-written"].seconds / runs.cannectors.seconds).toFixed(2)}`);
}
console.log(
  `\nratio (ours rows/s ÷ hand-written rows/s, ${TOTAL} rows, every row checked in the files): ${ratios.join(", ")}`,
);
