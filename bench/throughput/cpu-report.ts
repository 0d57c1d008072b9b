/**
 * Preloaded into each measured child (`node --import cpu-report.js ...`): counts the process's CPU
 * time and wall time from its first HTTP request (undici's `undici:request:create` channel) to its
 * exit, and writes them to stderr as one line. Both programs are measured the same way, start-up
 * excluded; on a shared, busy machine CPU time per record moves far less than wall time.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { CPU_LINE } from "./cpu-line.js";

const CHANNEL = "undici:request:create";
let start: { cpu: NodeJS.CpuUsage; wall: number; monotonicUs: bigint } | undefined;
const onFirstRequest = () => {
  start ??= { cpu: process.cpuUsage(), wall: performance.now(), monotonicUs: process.hrtime.bigint() / 1000n };
  queueMicrotask(() => unsubscribe(CHANNEL, onFirstRequest));
};
subscribe(CHANNEL, onFirstRequest);

process.on("exit", () => {
  if (!start) return;
  const used = process.cpuUsage(start.cpu);
  process.stderr.write(
    `\n${CPU_LINE}${used.user + used.system} ${performance.now() - start.wall} ${start.monotonicUs}\n`,
  );
});
