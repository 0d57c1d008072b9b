// The hand-written program the SQL bench compares against: undici pages from the peer source, the
// peer's own mapPlain(), one COPY per 1,000 rows into a staging table merged on client_id (the
// same idempotent load our connector does). Usage: node baseline.mjs SOURCE_URL PG_URL TABLE
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { request } from "undici";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { mapPlain } from "../support/peer-mapping.mjs";

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
    Readable.from([rows.map((r) => COLUMNS.map((c) => esc(r[c])).join("\t") + "\n").join("")]),
    client.query(copyFrom(`COPY stage (${cols}) FROM STDIN`)),
  );
  await client.query(
    `INSERT INTO ${quoted} (${cols}) SELECT ${cols} FROM stage ON CONFLICT (client_id) DO UPDATE SET ${COLUMNS.slice(1)
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(", ")}`,
  );
  await client.query("COMMIT");
}
// The next page is fetched while this one is mapped, and a batch loads while the next one fills
// (one COPY in flight: one connection), as a careful hand-written program would.
const fetchPage = async (cursor) =>
  (await request(`${source}/customers?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).body.json();
let next = fetchPage(null);
let loading = Promise.resolve();
let batch = [];
for (;;) {
  const page = await next;
  if (page.next_cursor) next = fetchPage(page.next_cursor);
  for (const r of page.data) {
    if (r.status === "inactive") continue;
    batch.push(mapPlain(r));
    if (batch.length >= 1000) {
      const rows = batch;
      batch = [];
      await loading;
      loading = load(rows);
    }
  }
  if (!page.next_cursor) break;
}
await loading;
if (batch.length) await load(batch);
await client.end();
