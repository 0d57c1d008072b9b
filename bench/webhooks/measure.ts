import { loadavg } from "node:os";
import { postDeliveries } from "./load.js";
import type { ServeUnderTest } from "./serve.js";
import type { Sink } from "./sink.js";

/** One level's figures for one server; `sink` absent for the baseline, which only stores. */
export interface Measured {
  server: string;
  connections: number;
  accepted: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  /** Server CPU (user + system) during the load, per accepted delivery. */
  cpuUsPerDelivery: number;
  /**
   * Server CPU from the start of the load until every accepted delivery reached the sink (serve), per
   * accepted delivery: what one delivery costs in all, storing and sending on, whenever it is spent.
   */
  cpuUsPerDeliveryDrained?: number;
  /** Deliveries the sink had acknowledged when the load ended, per second of load. */
  processedPerSecond?: number;
  /** After the load, until every accepted delivery reached the sink. */
  drainSeconds?: number;
  lost?: number;
  duplicated?: number;
  unanswered?: number;
  /** 1-minute load average at the end of the level (the machine is shared). */
  load: number;
}

/** Loads `server` for `seconds` at `connections`; with a sink, waits for the drain and counts what is missing. */
export async function measure(
  name: string,
  server: ServeUnderTest,
  options: { connections: number; seconds: number; firstId: number; sink?: Sink; drainTimeoutS: number },
): Promise<{ measured: Measured; nextId: number }> {
  const cpuBefore = server.cpuMs();
  const { summary, nextId } = await postDeliveries(server.url, options.connections, options.seconds, options.firstId);
  const cpuMs = server.cpuMs() - cpuBefore;
  const accepted = summary.accepted.length;
  const measured: Measured = {
    server: name,
    connections: options.connections,
    accepted,
    perSecond: accepted / summary.seconds,
    p50: summary.p50,
    p99: summary.p99,
    max: summary.max,
    failed: summary.failed,
    cpuUsPerDelivery: (cpuMs * 1000) / Math.max(1, accepted),
    load: loadavg()[0] ?? 0,
  };
  const sink = options.sink;
  if (sink) {
    measured.processedPerSecond = sink.received.size / summary.seconds;
    const drainStart = Date.now();
    const missing = () => summary.accepted.filter((id) => !sink.received.has(id));
    while (missing().length > 0 && Date.now() - drainStart < options.drainTimeoutS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    measured.drainSeconds = (Date.now() - drainStart) / 1000;
    measured.cpuUsPerDeliveryDrained = ((server.cpuMs() - cpuBefore) * 1000) / Math.max(1, accepted);
    measured.lost = missing().length;
    measured.duplicated = [...sink.received.values()].filter((count) => count > 1).length;
    // Stored but never answered 202 to the load: requests still in flight when autocannon stopped.
    const acceptedSet = new Set(summary.accepted);
    measured.unanswered = [...sink.received.keys()].filter((id) => !acceptedSet.has(id)).length;
  }
  return { measured, nextId };
}
