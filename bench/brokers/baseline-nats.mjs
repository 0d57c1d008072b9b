// Hand-written HTTP → NATS JetStream program for bench/brokers: undici GETs of the peer source's
// cursor pages (one page prefetched), the peer bench's plain-JS filter + mapping, JetStream
// publishes with at most IN_FLIGHT awaiting their acknowledgement.
//   node baseline-nats.mjs SOURCE_URL NATS_HOST:PORT SUBJECT [IN_FLIGHT]
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Pool } from "undici";
import { mapPlain } from "../support/peer-mapping.mjs";

const [source, server, subject, inFlightText] = process.argv.slice(2);
const IN_FLIGHT = Number(inFlightText ?? 800);
const pool = new Pool(source, { connections: 1, keepAliveTimeout: 60e3 });
const connection = await connect({ servers: server });
const js = jetstream(connection);

async function page(cursor) {
  const path = `/customers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
  const { statusCode, body } = await pool.request({ path, method: "GET" });
  if (statusCode !== 200) throw new Error(`${path} → ${statusCode}`);
  return body.json();
}

const pending = new Set();
let next = page(undefined);
for (;;) {
  const current = await next;
  next = current.next_cursor ? page(current.next_cursor) : undefined;
  for (const record of current.data) {
    const mapped = mapPlain(record);
    if (!mapped) continue;
    const ack = js.publish(subject, JSON.stringify(mapped));
    pending.add(ack);
    void ack.finally(() => pending.delete(ack));
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
  }
  if (!next) break;
}
await Promise.all(pending);
await connection.close();
await pool.close();
