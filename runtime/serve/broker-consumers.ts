import type { BrokerWatch } from "../brokers/broker-watch.js";
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
}
