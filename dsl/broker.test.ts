import { describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact } from "../compiler/emit/index.js";
import { lowerConnector } from "../compiler/lower/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { amqpExchange, amqpQueue } from "./broker.js";
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
