/**
 * Message broker endpoints, typed by the message payload the user gives:
 * `amqpQueue<Order>({ url: secret("AMQP_URL"), queue: "orders" })` as a source,
 * `amqpExchange<Event>({ url, routingKey: "orders.{region}" })` as a target.
 */
import type { AmqpInputNode, AmqpOutputNode } from "./broker-ir.js";
import type { InputEndpoint, OutputEndpoint } from "./endpoint.js";
import { compact, frozenCopy } from "./freeze.js";
import type { Lambda } from "./ir.js";
import { dslMisuse } from "./misuse.js";

export type AmqpQueueOptions = Omit<AmqpInputNode, "kind" | "type">;

export interface AmqpExchangeOptions<Target> extends Omit<AmqpOutputNode, "kind" | "type" | "idempotency"> {
  /** `key` is `(record) => value`, lowered to CEL; the message carries hash(connector, key). */
  idempotency?: { header?: string; key: ((record: Target) => unknown) & Lambda };
}

export function amqpQueue<Payload>(options: AmqpQueueOptions): InputEndpoint<Payload> {
  if (typeof options.queue !== "string" || options.queue === "") throw dslMisuse("amqpQueue needs a queue name");
  const input = compact({ kind: "input", type: "amqp", ...frozenCopy(options) }) as AmqpInputNode;
  return Object.freeze({ kind: "endpoint", input });
}

export function amqpExchange<Target>(options: AmqpExchangeOptions<Target>): OutputEndpoint<Target> {
  if (typeof options.routingKey !== "string" || options.routingKey === "") {
    throw dslMisuse("amqpExchange needs a routingKey (a queue name on the default exchange)");
  }
  const output = compact({ kind: "output", type: "amqp", ...frozenCopy(options) }) as AmqpOutputNode;
  return Object.freeze({ kind: "endpoint", output });
}
