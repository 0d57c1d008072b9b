import { describe, expect, it } from "vitest";
import { createMetricsRegistry, escapeLabelValue } from "./metrics.js";
import { createServeMetrics } from "./serve-metrics.js";

describe("metrics registry", () => {
  it.each([
    ["plain", "plain"],
    ['quote"d', 'quote\\"d'],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines", "two\\nlines"],
  ])("escapes the label value %j", (raw, escaped) => {
    expect(escapeLabelValue(raw)).toBe(escaped);
  });

  it("writes HELP, TYPE and samples of counters, gauges and histograms", () => {
    const registry = createMetricsRegistry();
    const counter = registry.counter("jobs_total", "Jobs done.");
    counter.inc({ b: "2", a: 'x"y' });
    counter.inc({ b: "2", a: 'x"y' }, 2);
    registry.gauge("depth", "Queue depth.", () => [[{ q: "main" }, 7]]);
    const histogram = registry.histogram("latency_seconds", "Latency.", [1, 0.1]);
    histogram.observe({}, 0.05);
    histogram.observe({}, 0.5);
    histogram.observe({}, 3);
    expect(registry.render()).toBe(
      [
        "# HELP jobs_total Jobs done.",
        "# TYPE jobs_total counter",
        'jobs_total{a="x\\"y",b="2"} 3',
        "# HELP depth Queue depth.",
        "# TYPE depth gauge",
        'depth{q="main"} 7',
        "# HELP latency_seconds Latency.",
        "# TYPE latency_seconds histogram",
        'latency_seconds_bucket{le="0.1"} 1',
        'latency_seconds_bucket{le="1"} 2',
        'latency_seconds_bucket{le="+Inf"} 3',
        "latency_seconds_sum 3.55",
        "latency_seconds_count 3",
        "",
      ].join("\n"),
    );
  });

  it("refuses a metric registered twice", () => {
    const registry = createMetricsRegistry();
    registry.counter("x_total", "X.");
    expect(() => registry.gauge("x_total", "X.")).toThrow(/twice/);
  });
});

describe("serve metrics", () => {
  it("counts records, runs, durations, retries, deliveries and queue depth per connector", () => {
    const metrics = createServeMetrics({
      queueDepths: () => [["hooks", 4]],
      artifacts: () => ({ loaded: 2, invalid: 1 }),
    });
    metrics.runFinished({
      executionId: "e1",
      connector: "crm",
      artifactHash: "h",
      status: "partial",
      dryRun: false,
      counts: { read: 10, filtered: 2, sent: 7, failed: 1, retries: 3, resentOneByOne: 0 },
      durationMs: 1500,
    });
    metrics.delivery("hooks", "duplicate", 200);
    metrics.scheduleSkipped("crm");
    const text = metrics.registry.render();
    for (const line of [
      'cannectors_records_read_total{connector="crm"} 10',
      'cannectors_records_sent_total{connector="crm"} 7',
      'cannectors_records_failed_total{connector="crm"} 1',
      'cannectors_runs_total{connector="crm",status="partial"} 1',
      'cannectors_run_duration_seconds_bucket{connector="crm",le="1"} 0',
      'cannectors_run_duration_seconds_bucket{connector="crm",le="2.5"} 1',
      'cannectors_run_duration_seconds_sum{connector="crm"} 1.5',
      'cannectors_retries_total{connector="crm"} 3',
      'cannectors_schedule_skipped_total{connector="crm"} 1',
      'cannectors_webhook_deliveries_total{code="200",connector="hooks",status="duplicate"} 1',
      'cannectors_webhook_queue_depth{connector="hooks"} 4',
      'cannectors_artifacts{state="invalid"} 1',
    ]) {
      expect(text.split("\n")).toContain(line);
    }
  });
});
