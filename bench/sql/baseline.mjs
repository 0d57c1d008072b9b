// The hand-written program the SQL bench compares against: undici pages from the peer source, the
// peer's own mapPlain(), one COPY per 1,000 rows into a staging table merged on client_id (the
// same idempotent load our connector does). Usage: node baseline.mjs SOURCE_URL PG_URL TABLE
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { request } from "undici";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";

const [source, url, table] = process.argv.slice(2);
// The peer's mapPlain() (../shared/peer-bench/lib/mapping.mjs), copied: that file imports jsonata,
// which the read-only shared folder has no node_modules for.
const STATUS = { active: "ACTIVE", lead: "PROSPECT", inactive: "INACTIVE" };
function mapPlain(r) {
  const a = r.address;
  return {
    client_id: r.customer_id,
    full_name: r.first_name + " " + r.last_name,
    email: r.email.toLowerCase(),
    phone: r.phone,
    company_name: r.company,
    city: a.city,
    postal_code: a.postal_code,
    country_code: a.country,
    status: STATUS[r.status],
    signup_date: r.created_at.slice(0, 10),
    ltv_cents: Math.round(Number(r.lifetime_value) * 100),
    currency: r.currency,
    tags: r.tags,
    owner_id: r.owner_id,
  };
}
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
