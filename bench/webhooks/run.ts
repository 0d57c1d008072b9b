/**
 * Webhook acceptance: how many deliveries per second one `cannectors serve` stores durably (a 202
 * only after the commit is on disk), at which latency and CPU cost, with 10, 50 and 200 concurrent
 * connections (autocannon, keep-alive, one request in flight per connection), and how fast its
 * connector sends them on to a local sink. After each level it waits for the queue to drain and
 * fails if an accepted delivery never reached the sink. In the same rounds, interleaved, the
 * hand-written node:http + SQLite baseline (baseline-server.ts) is loaded the same way: the machine
 * is shared, so the ratio serve/baseline is the figure that survives another process's load. A
 * third row, "serve, sink held", is serve with a sink that never answers: its run waits on the first
 * send, so the row is serve's acceptance alone (store and answer), the baseline's own work; the
 * difference to the "serve" row is what sending on costs while the load lasts.
 * Usage: npm run build && node dist/bench/webhooks/run.js [--seconds 10] [--connections 10,50,200]
 *   [--rounds 1] [--state postgres://user@host:5432/db] [--no-baseline] [--no-held]
 *   [--compare other/dist/cli/main.js]
 * The load generator and the sink share the machine with serve: figures are for this whole box.
 */
import { parseArgs } from "node:util";
import { type Measured, measure } from "./measure.js";
import { printTable } from "./report.js";
import { startBaseline, startServe } from "./serve.js";
import { startSink } from "./sink.js";
import { dropStateSchema, stateFor } from "./state.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10,50,200" },
    rounds: { type: "string", default: "1" },
    state: { type: "string" },
    compare: { type: "string" },
    "no-baseline": { type: "boolean", default: false },
    "no-held": { type: "boolean", default: false },
    "drain-timeout": { type: "string", default: "120" },
  },
});
const seconds = Number(values.seconds);
const levels = values.connections.split(",").map(Number);
const drainTimeoutS = Number(values["drain-timeout"]);

const rows: { round: number; measured: Measured }[] = [];
let nextId = 1;
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const connections of levels) {
    if (!values["no-baseline"]) {
      const baseline = await startBaseline();
      try {
        const result = await measure("baseline", baseline, { connections, seconds, firstId: nextId, drainTimeoutS });
        nextId = result.nextId;
        rows.push({ round, measured: result.measured });
      } finally {
        await baseline.stop();
      }
    }
    const servers: [string, string | undefined, boolean][] = [["serve", undefined, false]];
    if (values.compare) servers.push(["compared", values.compare, false]);
    if (!values["no-held"]) servers.push(["serve, sink held", undefined, true]);
    for (const [name, cli, hold] of servers) {
      const sink = await startSink({ hold });
      const state = stateFor(values.state);
      const serve = await startServe(sink.url, state?.url, cli);
      try {
        const measuring = { connections, seconds, firstId: nextId, drainTimeoutS };
        // Held: nothing reaches the sink, so there is no drain to wait for (nor anything lost to count).
        const result = await measure(name, serve, hold ? measuring : { ...measuring, sink });
        nextId = result.nextId;
        rows.push({ round, measured: result.measured });
        const { perSecond, p99 } = result.measured;
        console.error(`round ${round}, ${connections} connections: ${name} ${Math.round(perSecond)}/s, p99 ${p99} ms`);
      } finally {
        if (hold) await sink.close();
        await serve.stop();
        if (!hold) await sink.close();
        if (state) await dropStateSchema(state);
      }
    }
  }
}

const backend = values.state ? "PostgreSQL" : "SQLite";
console.log(`## Webhook acceptance (one serve process, ${backend} state, ${seconds} s per level)\n`);
printTable(rows);
if (rows.some(({ measured }) => (measured.lost ?? 0) > 0)) {
  console.log("\nFAILED: accepted deliveries did not reach the sink");
  process.exitCode = 1;
}
