// Hand-written AMQP → HTTP program for bench/brokers: amqplib consumer (manual acks, PREFETCH
// unacknowledged), the peer bench's plain-JS filter + mapping, undici POSTs of 100 records with 8
// in flight, each message acknowledged once the POST holding its record (or its filtering) is done.
// Exits once TOTAL messages are acknowledged.   node baseline-amqp.mjs AMQP_URL QUEUE SINK_URL TOTAL [PREFETCH]
import amqp from "amqplib";
import { Pool } from "undici";
import { mapPlain } from "../support/peer-mapping.mjs";

const [url, queue, sink, totalText, prefetchText] = process.argv.slice(2);
const TOTAL = Number(totalText);
const BATCH = 100;
const IN_FLIGHT = 8;
const pool = new Pool(sink, { connections: IN_FLIGHT, keepAliveTimeout: 60e3 });
const model = await amqp.connect(url);
const channel = await model.createChannel();
await channel.prefetch(Number(prefetchText ?? 1000));

let acked = 0;
let posting = 0;
let records = [];
let messages = [];
let timer;
const waiting = [];
let done;
const finished = new Promise((resolve) => {
  done = resolve;
});

const ack = (batch) => {
  for (const message of batch) channel.ack(message);
  acked += batch.length;
  if (acked >= TOTAL) done();
};

async function post(body, batch) {
  posting++;
  for (;;) {
    const { statusCode, body: reply } = await pool.request({
      path: "/clients/batch",
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    await reply.dump();
    if (statusCode < 300) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  posting--;
  ack(batch);
  waiting.shift()?.();
}

function flush() {
  clearTimeout(timer);
  timer = undefined;
  if (messages.length === 0) return;
  const [body, batch] = [JSON.stringify(records), messages];
  records = [];
  messages = [];
  if (body === "[]") return ack(batch);
  if (posting >= IN_FLIGHT) {
    // The broker sends no more than the prefetch: the queue of waiting POSTs stays bounded by it.
    waiting.push(() => void post(body, batch));
    return;
  }
  void post(body, batch);
}

await channel.consume(queue, (message) => {
  if (!message) return;
  const mapped = mapPlain(JSON.parse(message.content.toString("utf8")));
  if (mapped) records.push(mapped);
  messages.push(message);
  if (records.length >= BATCH) flush();
  else timer ??= setTimeout(flush, 5);
});
await finished;
await channel.close();
await model.close();
await pool.close();
