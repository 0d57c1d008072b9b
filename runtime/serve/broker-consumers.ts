import { pause } from "../brokers/broker-address.js";
import type { BrokerWatch } from "../brokers/broker-watch.js";
import type { RunSummary } from "../engine/run.js";
import type { Logger } from "../log/index.js";
import type { ServeMetrics } from "./serve-metrics.js";

/** One broker connector's consumer as /readyz and /metrics see it. */
export interface BrokerStatus {
  connector: string;
  connected: boolean;
  /** Messages handed to the pipeline and not yet acknowledged or dead-lettered. */
  inFlight: number;
}

/** Input types that serve runs as long-running consumers. */
const BROKER_INPUTS: ReadonlySet<string> = new Set(["amqp", "nats", "redis", "mqtt"]);
type BrokerType = "amqp" | "nats" | "redis" | "mqtt";

export function isBrokerInput<T extends { type: string }>(input: T): input is Extract<T, { type: BrokerType }> {
  return BROKER_INPUTS.has(input.type);
}

/** How long a consumer waits before starting again after its run ended: 1 s, doubling, at most 60 s. */
export function restartDelayMs(failures: number, maxMs = 60_000): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), maxMs);
}

/** How often a standby consumer asks again for a connector's lease held by another process. */
const LEASE_RETRY_MS = 10_000;

/** One broker connector's consumer loop, as the supervisor hands it over. */
export interface ConsumerLoop {
  connector: string;
  /** Ends the loop: serve stops, or the connector is removed or reloaded. */
  signal: AbortSignal;
  logger: Logger;
  /** Longest wait before starting again after a run ended; default 60 s. */
  restartMaxMs?: number | undefined;
  /**
   * One run consuming until the watch's stop; `held` when it did not start because another
   * process holds the connector's run lease, `summary` undefined when it did not start at all.
   */
  run: (watch: BrokerWatch) => Promise<{ summary: RunSummary | undefined; held: boolean }>;
}

/** The live state of every broker consumer serve runs, fed by the watches it hands their runs. */
export class BrokerConsumers {
  private readonly statuses = new Map<string, BrokerStatus>();

  constructor(private readonly metrics: ServeMetrics) {}

  list(): BrokerStatus[] {
    return [...this.statuses.values()];
  }

  /** Tracks `connector` from now on (disconnected until its input says otherwise). */
  track(connector: string): BrokerStatus {
    const status = this.statuses.get(connector) ?? { connector, connected: false, inFlight: 0 };
    this.statuses.set(connector, status);
    return status;
  }

  forget(connector: string): void {
    this.statuses.delete(connector);
  }

  /** A run ended: its connection is closed and what it had not settled went back to the broker. */
  ended(status: BrokerStatus): void {
    status.connected = false;
    status.inFlight = 0;
  }

  /** The watch one run of `status`'s connector reports to; `stop` ends its consuming. */
  watch(status: BrokerStatus, stop: AbortSignal): BrokerWatch {
    const counted = this.metrics.brokerMessages(status.connector);
    return {
      stop,
      connection(up) {
        status.connected = up;
      },
      received() {
        status.inFlight++;
        counted("received");
      },
      settled(outcome) {
        status.inFlight = Math.max(0, status.inFlight - 1);
        counted(outcome === "acked" ? "acked" : "dead_lettered");
      },
      released(count) {
        status.inFlight = Math.max(0, status.inFlight - count);
      },
    };
  }

  /**
   * A broker connector consumes in one run that lasts until serve stops, or the connector is
   * removed or reloaded. A run that ends otherwise (the broker unreachable at start, a failure)
   * starts again after a back-off. Every process consumes (the broker shares a queue, a durable
   * consumer or a consumer group among them), unless they share a state database: the connector's
   * run lease then lets one consume and the others retry as standbys, taking over when it stops.
   */
  async consume(loop: ConsumerLoop): Promise<void> {
    const { connector, signal, logger } = loop;
    const status = this.track(connector);
    let failures = 0;
    while (!signal.aborted) {
      const started = Date.now();
      const { summary, held } = await loop.run(this.watch(status, signal));
      this.ended(status);
      if (signal.aborted) break;
      // A consumer that ran a while before failing starts over from the shortest wait.
      failures = Date.now() - started > 60_000 ? 1 : failures + 1;
      const delayMs = held ? LEASE_RETRY_MS : restartDelayMs(failures, loop.restartMaxMs);
      logger[held ? "debug" : "warn"](
        held ? "consumer on standby: lease held elsewhere" : "consumer ended: restarting",
        {
          connector,
          status: summary?.status ?? "not started",
          ...(summary?.error ? { error: summary.error } : {}),
          inMs: delayMs,
        },
      );
      await pause(delayMs, signal);
    }
  }
}
