/**
 * Message broker endpoints, typed by the message payload the user gives:
 * `amqpQueue<Order>({ url: secret("AMQP_URL"), queue: "orders" })` as a source,
 * `amqpExchange<Event>({ url, routingKey: "orders.{region}" })` as a target; likewise
 * `natsStream<Order>({ url, stream, consumer })` and `natsSubject<Event>({ url, subject })` for JetStream.
 */
import type {
  AmqpInputNode,
  AmqpOutputNode,
  MqttInputNode,
  MqttOutputNode,
  NatsInputNode,
  NatsOutputNode,
  RedisInputNode,
  RedisOutputNode,
} from "./broker-ir.js";
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

export type NatsStreamOptions = Omit<NatsInputNode, "kind" | "type">;

export interface NatsSubjectOptions<Target> extends Omit<NatsOutputNode, "kind" | "type" | "idempotency"> {
  /** `key` is `(record) => value`, lowered to CEL; the message carries hash(connector, key) as its Nats-Msg-Id. */
  idempotency?: { header?: string; key: ((record: Target) => unknown) & Lambda };
}

export function natsStream<Payload>(options: NatsStreamOptions): InputEndpoint<Payload> {
  if (typeof options.stream !== "string" || options.stream === "") throw dslMisuse("natsStream needs a stream name");
  if (typeof options.consumer !== "string" || options.consumer === "") {
    throw dslMisuse("natsStream needs a durable consumer name");
  }
  const input = compact({ kind: "input", type: "nats", ...frozenCopy(options) }) as NatsInputNode;
  return Object.freeze({ kind: "endpoint", input });
}

export function natsSubject<Target>(options: NatsSubjectOptions<Target>): OutputEndpoint<Target> {
  if (typeof options.subject !== "string" || options.subject === "") throw dslMisuse("natsSubject needs a subject");
  const output = compact({ kind: "output", type: "nats", ...frozenCopy(options) }) as NatsOutputNode;
  return Object.freeze({ kind: "endpoint", output });
}

export type RedisStreamOptions = Omit<RedisInputNode, "kind" | "type">;

export interface RedisStreamAppendOptions<Target> extends Omit<RedisOutputNode, "kind" | "type" | "idempotency"> {
  /** `key` is `(record) => value`, lowered to CEL; the entry carries hash(connector, key) as a field. */
  idempotency?: { header?: string; key: ((record: Target) => unknown) & Lambda };
}

export function redisStream<Payload>(options: RedisStreamOptions): InputEndpoint<Payload> {
  if (typeof options.stream !== "string" || options.stream === "") throw dslMisuse("redisStream needs a stream key");
  if (typeof options.group !== "string" || options.group === "") throw dslMisuse("redisStream needs a consumer group");
  const input = compact({ kind: "input", type: "redis", ...frozenCopy(options) }) as RedisInputNode;
  return Object.freeze({ kind: "endpoint", input });
}

export function redisStreamAppend<Target>(options: RedisStreamAppendOptions<Target>): OutputEndpoint<Target> {
  if (typeof options.stream !== "string" || options.stream === "") {
    throw dslMisuse("redisStreamAppend needs a stream key");
  }
  const output = compact({ kind: "output", type: "redis", ...frozenCopy(options) }) as RedisOutputNode;
  return Object.freeze({ kind: "endpoint", output });
}

export type MqttTopicsOptions = Omit<MqttInputNode, "kind" | "type">;

export interface MqttPublishOptions<Target> extends Omit<MqttOutputNode, "kind" | "type" | "idempotency"> {
  /** `key` is `(record) => value`, lowered to CEL; the message carries hash(connector, key) as an MQTT 5 user property. */
  idempotency?: { header?: string; key: ((record: Target) => unknown) & Lambda };
}

export function mqttTopics<Payload>(options: MqttTopicsOptions): InputEndpoint<Payload> {
  if (typeof options.clientId !== "string" || options.clientId === "") {
    throw dslMisuse("mqttTopics needs a fixed clientId (the persistent session)");
  }
  if (!Array.isArray(options.topics) || options.topics.length === 0) throw dslMisuse("mqttTopics needs topic filters");
  const input = compact({ kind: "input", type: "mqtt", ...frozenCopy(options) }) as MqttInputNode;
  return Object.freeze({ kind: "endpoint", input });
}

export function mqttPublish<Target>(options: MqttPublishOptions<Target>): OutputEndpoint<Target> {
  if (typeof options.topic !== "string" || options.topic === "") throw dslMisuse("mqttPublish needs a topic");
  const output = compact({ kind: "output", type: "mqtt", ...frozenCopy(options) }) as MqttOutputNode;
  return Object.freeze({ kind: "endpoint", output });
}
