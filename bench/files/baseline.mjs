// The hand-written program the files bench compares against: better-sqlite3 read by keyset pages of
// 1,000, files of ROLL rows written as the output does (NDJSON lines, or hyparquet-writer with the
// column types known up front), each to a temporary name, fsynced, then renamed.
// Usage: node baseline.mjs <source.db> <out folder> <ndjson|parquet> <roll>
import { mkdirSync, openSync, closeSync, fsyncSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parquetWriteBuffer } from "hyparquet-writer";

const [db, out, format, roll] = process.argv.slice(2);
const ROLL = Number(roll);
const source = new Database(db, { readonly: true });
const page = source.prepare("SELECT id, region, amount, note, created FROM items WHERE id > ? ORDER BY id LIMIT 1000");
mkdirSync(path.join(out, ".tmp"), { recursive: true });
let file = 0;

function write(rows) {
  const body =
    format === "ndjson"
      ? Buffer.from(`${rows.map((r) => JSON.stringify(r)).join("\n")}\n`)
      : Buffer.from(
          parquetWriteBuffer({
            columnData: [
              { name: "id", type: "INT64", nullable: true, data: rows.map((r) => BigInt(r.id)) },
              { name: "region", type: "STRING", nullable: true, data: rows.map((r) => r.region) },
              { name: "amount", type: "DOUBLE", nullable: true, data: rows.map((r) => r.amount) },
              { name: "note", type: "STRING", nullable: true, data: rows.map((r) => r.note) },
              { name: "created", type: "STRING", nullable: true, data: rows.map((r) => r.created) },
            ],
          }),
        );
  const temp = path.join(out, ".tmp", `f${++file}`);
  const fd = openSync(temp, "wx");
  writeSync(fd, body);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temp, path.join(out, `part-${String(file).padStart(6, "0")}.${format}`));
}

let last = 0;
let buffer = [];
for (;;) {
  const rows = page.all(last);
  if (rows.length === 0) break;
  last = rows[rows.length - 1].id;
  for (const row of rows) {
    buffer.push(row);
    if (buffer.length === ROLL) {
      write(buffer);
      buffer = [];
    }
  }
}
if (buffer.length > 0) write(buffer);
