/**
 * `node dist/bench/dependent/run.js [--rounds N] [--orders N] [--items N]`: the dependent-requests
 * bench (1,000 parents × 20 children by default), cannectors next to a hand-written undici program.
 * `npm run bench` runs it as its own section (DEPENDENT_ROUNDS, DEPENDENT=skip).
 */
import { parseArgs } from "node:util";
import { formatDependent, measureDependent } from "./measure.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    orders: { type: "string", default: "1000" },
    items: { type: "string", default: "20" },
    "page-size": { type: "string", default: "100" },
    concurrency: { type: "string", default: "8" },
  },
});
const job = {
  orders: Number(values.orders),
  itemsPerOrder: Number(values.items),
  pageSize: Number(values["page-size"]),
};
console.error(`dependent requests: ${job.orders} parents × ${job.itemsPerOrder} children, ${values.rounds} rounds...`);
const result = await measureDependent(job, Number(values.rounds), Number(values.concurrency));
console.log(`${formatDependent(result)}\n`);
