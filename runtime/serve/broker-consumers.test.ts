import { describe, expect, it } from "vitest";
import { BrokerConsumers, restartDelayMs } from "./broker-consumers.js";
import { createReadiness } from "./health.js";
import { createServeMetrics } from "./serve-metrics.js";
import { createApp } from "./server.js";

function setup() {
  let consumers: BrokerConsumers | undefined;
  const metrics = createServeMetrics({
    queueDepths: () => [],
    artifacts: () => ({ loaded: 1, invalid: 0 }),
    brokers: () => consumers!.list(),
  });
  consumers = new BrokerConsumers(metrics);
  const readiness = createReadiness();
  readiness.watchBrokers(() => consumers!.list());
  readiness.ready();
  const routes = createApp({ readiness, metrics: () => metrics.registry.render(), receiver: () => undefined });
  return { consumers, routes };
}

describe("broker consumers under serve", () => {
  it("counts messages by outcome, keeps the in-flight gauge, and shows the connection in /readyz", async () => {
    const { consumers, routes } = setup();
    const status = consumers.track("orders-in");
    const watch = consumers.watch(status, new AbortController().signal);
    expect((await routes.request("/readyz")).status).toBe(503);
    watch.connection(true);
    for (let i = 0; i < 5; i++) watch.received();
    watch.settled("acked");
    watch.settled("deadLettered");
    watch.released(1);
    const ready = await routes.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", brokers: { "orders-in": "connected" } });
    const text = await (await routes.request("/metrics")).text();
    expect(text).toContain('cannectors_broker_messages_total{connector="orders-in",outcome="received"} 5');
    expect(text).toContain('cannectors_broker_messages_total{connector="orders-in",outcome="acked"} 1');
    expect(text).toContain('cannectors_broker_messages_total{connector="orders-in",outcome="dead_lettered"} 1');
    expect(text).toContain('cannectors_broker_in_flight{connector="orders-in"} 2');
    expect(text).toContain('cannectors_broker_connected{connector="orders-in"} 1');
    watch.connection(false);
    const down = await routes.request("/readyz");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "broker disconnected", brokers: { "orders-in": "disconnected" } });
    consumers.ended(status);
    expect(consumers.list()).toEqual([{ connector: "orders-in", connected: false, inFlight: 0 }]);
  });

  it("restarts after 1 s, doubling, at most the cap", () => {
    expect([1, 2, 3, 7, 8, 20].map((n) => restartDelayMs(n))).toEqual([1000, 2000, 4000, 60_000, 60_000, 60_000]);
    expect(restartDelayMs(3, 2500)).toBe(2500);
  });
});
