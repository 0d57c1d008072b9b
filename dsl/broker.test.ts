import { describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact } from "../compiler/emit/index.js";
import { lowerConnector } from "../compiler/lower/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import {
  amqpExchange,
  amqpQueue,
  mqttPublish,
  mqttTopics,
  natsStream,
  natsSubject,
  redisStream,
  redisStreamAppend,
} from "./broker.js";
import { type RecordType, connector } from "./connector.js";
import type { InputEndpoint, OutputEndpoint } from "./endpoint.js";
import { secret } from "./refs.js";

type Order = { order_id: string; region: string; total: number };
type Event = { id: string; region: string };

describe("amqpQueue / amqpExchange", () => {
  it("types the records by the payload the user gives", () => {
    const source = amqpQueue<Order>({ url: secret("AMQP_URL"), queue: "orders" });
    expectTypeOf(source).toEqualTypeOf<InputEndpoint<Order>>();
    expectTypeOf(amqpExchange<Event>({ url: secret("AMQP_URL"), routingKey: "e" })).toEqualTypeOf<
      OutputEndpoint<Event>
    >();
    const draft = connector({ name: "x" }).from(source);
    expectTypeOf<RecordType<ReturnType<typeof draft.to<Event>>>>().toEqualTypeOf<Order>();
  });

  it("lowers to input/output type amqp, emits YAML that validates and reads back the same", () => {
    const node = connector({ name: "relay" })
      .from(amqpQueue<Order>({ url: secret("AMQP_URL"), queue: "orders", prefetch: 50, redeliveryLimit: 2 }))
      .to(
        amqpExchange<Order>({
          url: secret("AMQP_URL"),
          exchange: "events",
          routingKey: "orders.{region}",
          headers: { "X-Region": "{region}" },
          batch: { size: 20 },
          payloadSchema: { type: "object", required: ["id"] },
        }),
      )
      .settings({});
    const lowered = lowerConnector(node, { sourceFor: () => undefined });
    expect(lowered.diagnostics).toEqual([]);
    expect(lowered.artifact.input).toEqual({
      type: "amqp",
      url: "${secret:AMQP_URL}",
      queue: "orders",
      prefetch: 50,
      redeliveryLimit: 2,
    });
    const yaml = emitArtifact(lowered.artifact, { sourceFile: "relay.ts" });
    expect(parse(yaml).output).toMatchObject({
      type: "amqp",
      exchange: "events",
      routingKey: "orders.{region}",
      payloadSchema: { type: "object", required: ["id"] },
    });
    const checked = validateArtifact(yaml, "relay.yaml");
    expect(checked.diagnostics).toEqual([]);
    expect(checked.artifact?.connector.output.type).toBe("amqp");
  });

  it("refuses a queue without a name", () => {
    expect(() => amqpQueue({ url: "amqp://x", queue: "" })).toThrow(/queue name/);
  });
});

describe("natsStream / natsSubject / redisStream / redisStreamAppend", () => {
  it("lower to input/output type nats and redis, emit YAML that validates", () => {
    const fromNats = connector({ name: "relay" })
      .from(natsStream<Order>({ url: secret("NATS_URL"), stream: "ORDERS", consumer: "relay", ackWait: "10s" }))
      .to(
        redisStreamAppend<Order>({
          url: secret("REDIS_URL"),
          stream: "orders:{region}",
          maxLen: 1000,
          headers: { "X-Region": "{region}" },
        }),
      )
      .settings({});
    const lowered = lowerConnector(fromNats, { sourceFor: () => undefined });
    expect(lowered.diagnostics).toEqual([]);
    expect(lowered.artifact.input).toEqual({
      type: "nats",
      url: "${secret:NATS_URL}",
      stream: "ORDERS",
      consumer: "relay",
      ackWait: "10s",
    });
    expect(lowered.artifact.output).toMatchObject({
      type: "redis",
      stream: "orders:{region}",
      maxLen: 1000,
      headers: { "X-Region": "{region}" },
    });
    const checked = validateArtifact(emitArtifact(lowered.artifact, { sourceFile: "relay.ts" }), "relay.yaml");
    expect(checked.diagnostics).toEqual([]);

    const fromRedis = connector({ name: "back" })
      .from(redisStream<Order>({ url: secret("REDIS_URL"), stream: "orders", group: "g", redeliveryLimit: 2 }))
      .to(natsSubject<Order>({ url: secret("NATS_URL"), subject: "orders.{region}", batch: { size: 50 } }))
      .settings({});
    const back = lowerConnector(fromRedis, { sourceFor: () => undefined });
    expect(back.diagnostics).toEqual([]);
    expect(back.artifact.output).toEqual({
      type: "nats",
      url: "${secret:NATS_URL}",
      subject: "orders.{region}",
      batch: { size: 50 },
    });
    expect(validateArtifact(emitArtifact(back.artifact, { sourceFile: "back.ts" }), "back.yaml").diagnostics).toEqual(
      [],
    );
  });

  it("refuses a stream, consumer, group or subject without a name", () => {
    expect(() => natsStream({ url: "nats://x", stream: "S", consumer: "" })).toThrow(/consumer/);
    expect(() => natsSubject({ url: "nats://x", subject: "" })).toThrow(/subject/);
    expect(() => redisStream({ url: "redis://x", stream: "s", group: "" })).toThrow(/group/);
    expect(() => redisStreamAppend({ url: "redis://x", stream: "" })).toThrow(/stream key/);
  });
});

describe("mqttTopics / mqttPublish", () => {
  it("types the records by the payload, lowers to input/output type mqtt and emits YAML that validates", () => {
    const source = mqttTopics<Order>({ url: secret("MQTT_URL"), clientId: "relay", topics: ["orders/+"] });
    expectTypeOf(source).toEqualTypeOf<InputEndpoint<Order>>();
    const target = mqttPublish<Order>({
      url: secret("MQTT_URL"),
      topic: "events/{region}",
      retain: true,
      key: "{order_id}",
    });
    expectTypeOf(target).toEqualTypeOf<OutputEndpoint<Order>>();
    const lowered = lowerConnector(connector({ name: "relay" }).from(source).to(target).settings({}), {
      sourceFor: () => undefined,
    });
    expect(lowered.diagnostics).toEqual([]);
    expect(lowered.artifact.input).toEqual({
      type: "mqtt",
      url: "${secret:MQTT_URL}",
      clientId: "relay",
      topics: ["orders/+"],
    });
    expect(lowered.artifact.output).toMatchObject({ type: "mqtt", topic: "events/{region}", retain: true });
    const checked = validateArtifact(emitArtifact(lowered.artifact, { sourceFile: "relay.ts" }), "relay.yaml");
    expect(checked.diagnostics).toEqual([]);
  });

  it("refuses a session without a client id, no topic filters, a wildcard in a published topic", () => {
    expect(() => mqttTopics({ url: "mqtt://x", clientId: "", topics: ["a"] })).toThrow(/clientId/);
    expect(() => mqttTopics({ url: "mqtt://x", clientId: "c", topics: [] })).toThrow(/topic filters/);
    expect(() => mqttPublish({ url: "mqtt://x", topic: "" })).toThrow(/topic/);
    const yaml = (topic: string) =>
      `apiVersion: cannectors.dev/v1\nkind: Connector\nmetadata:\n  name: x\ninput:\n  type: mqtt\n  url: mqtt://h\n  clientId: c\n  topics: ["a/#/b"]\noutput:\n  type: mqtt\n  url: mqtt://h\n  topic: ${topic}\n`;
    const messages = validateArtifact(yaml("events/+/{region}"), "x.yaml").diagnostics.map((d) => d.message);
    expect(messages.join("\n")).toMatch(/no wildcard/);
    expect(messages.join("\n")).toMatch(/`#` only in the last/);
  });
});
