// The hand-written program the reverse SQL bench compares against: a PostgreSQL cursor read 1,000
// rows at a time (the next page fetched while this one is sent), JSON batches of 100 POSTed to the
// peer sink with undici, 8 requests in flight. Usage: node baseline-reverse.mjs PG_URL TABLE SINK_URL
import pg from "pg";
import { Pool } from "undici";

const [url, table, sink] = process.argv.slice(2);
// Dates as the text PostgreSQL sends (pg would make them Date objects at local midnight).
pg.types.setTypeParser(1082, (text) => text);
const client = new pg.Client({ connectionString: url });
await client.connect();
const http = new Pool(sink, { connections: 8 });
const inFlight = new Set();
let failed = 0;
async function post(batch) {
  const res = await http.request({
    path: "/clients/batch",
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(batch),
  });
  await res.body.dump();
  if (res.statusCode !== 200) failed += batch.length;
}
async function send(batch) {
  while (inFlight.size >= 8) await Promise.race(inFlight);
  const p = post(batch).finally(() => inFlight.delete(p));
  inFlight.add(p);
}
await client.query("BEGIN READ ONLY");
await client.query(`DECLARE rows NO SCROLL CURSOR FOR SELECT * FROM ${table}`);
const fetchPage = () => client.query("FETCH FORWARD 1000 FROM rows");
let next = fetchPage();
for (;;) {
  const { rows } = await next;
  if (rows.length === 1000) next = fetchPage();
  for (let i = 0; i < rows.length; i += 100) await send(rows.slice(i, i + 100));
  if (rows.length < 1000) break;
}
await Promise.all(inFlight);
await client.query("COMMIT");
await client.end();
await http.close();
if (failed > 0) {
  console.error(`${failed} records refused`);
  process.exitCode = 1;
}
