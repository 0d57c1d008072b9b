/**
 * Webhook acceptance: how many deliveries per second one `cannectors serve` stores durably (a 202
 * only after the commit), at which latency, and at what CPU cost, with 10, 50 and 200 concurrent
 * connections (autocannon, keep-alive, one request in flight per connection). Then it waits for the
 * connector to drain its queue and checks every accepted delivery reached the sink.
 * Usage: npm run build && node dist/bench/webhooks/run.js [--seconds 10] [--connections 10,50,200] [--rounds 1]
 * The load generator and the sink share the machine with serve: figures are for this whole box.
 */
import { parseArgs } from "node:util";
import { postDeliveries } from "./load.js";
import { startServe } from "./serve.js";
import { startSink } from "./sink.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10,50,200" },
    rounds: { type: "string", default: "1" },
    "drain-timeout": { type: "string", default: "120" },
  },
});
const seconds = Number(values.seconds);
const levels = values.connections.split(",").map(Number);
const rounds = Number(values.rounds);

const rows: string[] = [];
let lostAny = false;
let nextId = 1;
for (let round = 1; round <= rounds; round++) {
  for (const connections of levels) {
    const sink = await startSink();
    const serve = await startServe(sink.url);
    try {
      const cpuBefore = serve.cpuMs();
      const { summary, nextId: after } = await postDeliveries(serve.url, connections, seconds, nextId);
      const cpuUnderLoad = serve.cpuMs() - cpuBefore;
      nextId = after;
      const drainStart = Date.now();
      const missing = () => summary.accepted.filter((id) => !sink.received.has(id));
      while (missing().length > 0 && Date.now() - drainStart < Number(values["drain-timeout"]) * 1000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const drainedMs = Date.now() - drainStart;
      const lost = missing().length;
      const duplicates = [...sink.received.values()].filter((count) => count > 1).length;
      lostAny ||= lost > 0;
      const perSecond = summary.accepted.length / summary.seconds;
      const cpuTotal = serve.cpuMs() - cpuBefore;
      rows.push(
        [
          round,
          connections,
          Math.round(perSecond),
          summary.p50,
          summary.p99,
          summary.max,
          summary.failed,
          ((cpuUnderLoad * 1000) / Math.max(1, summary.accepted.length)).toFixed(0),
          ((cpuTotal * 1000) / Math.max(1, summary.accepted.length)).toFixed(0),
          (drainedMs / 1000).toFixed(1),
          lost,
          duplicates,
        ].join(" | "),
      );
      console.error(`round ${round}, ${connections} connections: ${Math.round(perSecond)}/s, p99 ${summary.p99} ms`);
    } finally {
      await serve.stop();
      await sink.close();
    }
  }
}

console.log(`## Webhook acceptance (one serve process, SQLite state, ${seconds} s per level)\n`);
console.log(
  "| round | connections | accepted/s | p50 ms | p99 ms | max ms | failed | serve CPU µs/delivery (during load) | serve CPU µs/delivery (incl. drain) | drain s | lost | duplicated |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(`| ${row} |`);
if (lostAny) {
  console.log("\nFAILED: accepted deliveries did not reach the sink");
  process.exitCode = 1;
}
