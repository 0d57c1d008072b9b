import type { RunSummary } from "../engine/run.js";
import { createMetricsRegistry, type Labels, type MetricsRegistry } from "./metrics.js";

const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

/** Everything `/metrics` exposes, with the hooks the supervisor, runs and receivers feed. */
export interface ServeMetrics {
  registry: MetricsRegistry;
  runFinished(summary: RunSummary): void;
  scheduleSkipped(connector: string): void;
  delivery(connector: string, status: "accepted" | "duplicate" | "rejected", code: number): void;
  /** The counter of one broker connector's messages, by outcome (one labels object per series, made once). */
  brokerMessages(connector: string): (outcome: BrokerOutcome) => void;
}

export type BrokerOutcome = "received" | "acked" | "dead_lettered";

export function createServeMetrics(options: {
  queueDepths: () => [connector: string, depth: number][];
  artifacts: () => { loaded: number; invalid: number };
  brokers?: () => { connector: string; connected: boolean; inFlight: number }[];
}): ServeMetrics {
  const registry = createMetricsRegistry();
  const records = {
    read: registry.counter("cannectors_records_read_total", "Records read from the source, per connector."),
    filtered: registry.counter("cannectors_records_filtered_total", "Records dropped by filters, per connector."),
    sent: registry.counter("cannectors_records_sent_total", "Records delivered to the target, per connector."),
    failed: registry.counter("cannectors_records_failed_total", "Records that failed (dead-lettered), per connector."),
  };
  const runs = registry.counter("cannectors_runs_total", "Finished runs, per connector and final status.");
  const duration = registry.histogram(
    "cannectors_run_duration_seconds",
    "Duration of finished runs, per connector.",
    DURATION_BUCKETS,
  );
  const retries = registry.counter(
    "cannectors_retries_total",
    "Requests retried after a transient failure (source pages and output batches), per connector.",
  );
  const skipped = registry.counter(
    "cannectors_schedule_skipped_total",
    "Schedule ticks skipped because the previous run was still going.",
  );
  const deliveries = registry.counter(
    "cannectors_webhook_deliveries_total",
    "Webhook deliveries received, per connector, outcome and HTTP status code answered.",
  );
  registry.gauge("cannectors_webhook_queue_depth", "Accepted webhook deliveries not yet processed.", () =>
    options.queueDepths().map(([connector, depth]): [Labels, number] => [{ connector }, depth]),
  );
  registry.gauge("cannectors_artifacts", "Artifacts found by serve, by state (loaded, invalid).", () => {
    const { loaded, invalid } = options.artifacts();
    return [
      [{ state: "loaded" }, loaded],
      [{ state: "invalid" }, invalid],
    ];
  });
  const brokerMessages = registry.counter(
    "cannectors_broker_messages_total",
    "Broker messages per connector and outcome: received, acked (after every output acknowledged), dead_lettered.",
  );
  const brokers = () => options.brokers?.() ?? [];
  registry.gauge("cannectors_broker_connected", "1 while a broker consumer's connection is up, else 0.", () =>
    brokers().map(({ connector, connected }): [Labels, number] => [{ connector }, connected ? 1 : 0]),
  );
  registry.gauge("cannectors_broker_in_flight", "Broker messages received and not yet acknowledged.", () =>
    brokers().map(({ connector, inFlight }): [Labels, number] => [{ connector }, inFlight]),
  );
  const deliveryLabels = new Map<string, Labels>();
  return {
    registry,
    runFinished(summary) {
      const labels = { connector: summary.connector };
      for (const kind of ["read", "filtered", "sent", "failed"] as const) {
        records[kind].inc(labels, summary.counts[kind]);
      }
      retries.inc(labels, summary.counts.retries);
      runs.inc({ ...labels, status: summary.status });
      duration.observe(labels, summary.durationMs / 1000);
    },
    scheduleSkipped: (connector) => skipped.inc({ connector }),
    delivery(connector, status, code) {
      // One labels object per series, reused: counted on every delivery, so its key is formatted once.
      const id = `${connector}\u0000${status}\u0000${code}`;
      let labels = deliveryLabels.get(id);
      if (labels === undefined) {
        labels = { connector, status, code: String(code) };
        deliveryLabels.set(id, labels);
      }
      deliveries.inc(labels);
    },
    brokerMessages(connector) {
      const labels = {
        received: { connector, outcome: "received" },
        acked: { connector, outcome: "acked" },
        dead_lettered: { connector, outcome: "dead_lettered" },
      };
      return (outcome) => brokerMessages.inc(labels[outcome]);
    },
  };
}
