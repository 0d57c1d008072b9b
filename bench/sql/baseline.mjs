// The hand-written program the SQL bench compares against: undici pages from the peer source, the
// peer's own mapPlain(), one COPY stream per 1,000 rows into a staging table merged on client_id
// (the same idempotent load our connector does). Usage: node baseline.mjs SOURCE_URL PG_URL TABLE
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { request } from "undici";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { mapPlain } from "../../../shared/peer-bench/lib/mapping.mjs";

const [source, url, table] = process.argv.slice(2);
const COLUMNS = [
  "client_id",
  "full_name",
  "email",
  "phone",
  "company_name",
  "city",
  "postal_code",
  "country_code",
  "status",
  "signup_date",
  "ltv_cents",
  "currency",
  "tags",
  "owner_id",
];
const esc = (v) =>
  v === null || v === undefined
    ? "\\N"
    : (typeof v === "object" ? JSON.stringify(v) : String(v)).replace(
        /[\\\n\r\t]/g,
        (c) => ({ "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c],
      );
const client = new pg.Client({ connectionString: url });
await client.connect();
const cols = COLUMNS.map((c) => `"${c}"`).join(", ");
const quoted = table
  .split(".")
  .map((p) => `"${p}"`)
  .join(".");
async function load(rows) {
  await client.query("BEGIN");
  await client.query(`CREATE TEMP TABLE stage ON COMMIT DROP AS SELECT ${cols} FROM ${quoted} LIMIT 0`);
  await pipeline(
    Readable.from(rows.map((r) => COLUMNS.map((c) => esc(r[c])).join("\t") + "\n")),
    client.query(copyFrom(`COPY stage (${cols}) FROM STDIN`)),
  );
  await client.query(
    `INSERT INTO ${quoted} (${cols}) SELECT ${cols} FROM stage ON CONFLICT (client_id) DO UPDATE SET ${COLUMNS.slice(1)
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(", ")}`,
  );
  await client.query("COMMIT");
}
let cursor = null;
let batch = [];
for (;;) {
  const res = await request(`${source}/customers?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
  const page = await res.body.json();
  for (const r of page.data) {
    if (r.status === "inactive") continue;
    batch.push(mapPlain(r));
    if (batch.length >= 1000) {
      await load(batch);
      batch = [];
    }
  }
  cursor = page.next_cursor;
  if (!cursor) break;
}
if (batch.length) await load(batch);
await client.end();
