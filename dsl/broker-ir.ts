/** The IR of the broker inputs and outputs: plain data, the URL a ref, lowered field by field. */
import type { Duration } from "../runtime/artifact/index.js";
import type { Lambda, StringValue } from "./ir.js";

/** What every broker output node shares besides its URL and destination. */
interface BrokerOutputOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly key?: string;
  /** `key` is `(record) => value`, lowered to CEL. */
  readonly idempotency?: { readonly header?: string; readonly key: Lambda };
  readonly batch?: { readonly size: number };
  readonly deadLetter?: { readonly path: string };
  /** JSON Schema of each message body (inline, or `file#/pointer`), checked in dry runs. */
  readonly payloadSchema?: string | Readonly<Record<string, unknown>>;
}

/** What every broker input node shares: the in-flight bound, the redelivery limit, when a one-off run ends. */
interface BrokerInputOptions {
  readonly prefetch?: number;
  readonly redeliveryLimit?: number;
  readonly idleAfter?: Duration;
}

export interface AmqpInputNode extends BrokerInputOptions {
  readonly kind: "input";
  readonly type: "amqp";
  readonly url: StringValue;
  readonly queue: string;
  readonly deadLetter?: "broker" | "file";
}

export interface AmqpOutputNode extends BrokerOutputOptions {
  readonly kind: "output";
  readonly type: "amqp";
  readonly url: StringValue;
  readonly exchange?: string;
  readonly routingKey: string;
  readonly persistent?: boolean;
}

export interface NatsInputNode extends BrokerInputOptions {
  readonly kind: "input";
  readonly type: "nats";
  readonly url: StringValue;
  readonly stream: string;
  readonly consumer: string;
  readonly subject?: string;
  readonly ackWait?: Duration;
}

export interface NatsOutputNode extends BrokerOutputOptions {
  readonly kind: "output";
  readonly type: "nats";
  readonly url: StringValue;
  readonly subject: string;
}

export interface RedisInputNode extends BrokerInputOptions {
  readonly kind: "input";
  readonly type: "redis";
  readonly url: StringValue;
  readonly stream: string;
  readonly group: string;
  readonly consumer?: string;
  readonly field?: string;
  readonly claimIdle?: Duration;
}

export interface RedisOutputNode extends BrokerOutputOptions {
  readonly kind: "output";
  readonly type: "redis";
  readonly url: StringValue;
  readonly stream: string;
  readonly field?: string;
  readonly maxLen?: number;
}

export interface MqttInputNode extends BrokerInputOptions {
  readonly kind: "input";
  readonly type: "mqtt";
  readonly url: StringValue;
  readonly clientId: string;
  readonly topics: readonly string[];
  readonly protocolVersion?: 4 | 5;
  readonly sessionExpiry?: Duration;
  readonly deliveryCounts?: string;
}

export interface MqttOutputNode extends BrokerOutputOptions {
  readonly kind: "output";
  readonly type: "mqtt";
  readonly url: StringValue;
  readonly topic: string;
  readonly retain?: boolean;
  readonly clientId?: string;
}

export type BrokerInputNode = AmqpInputNode | NatsInputNode | RedisInputNode | MqttInputNode;
export type BrokerOutputNode = AmqpOutputNode | NatsOutputNode | RedisOutputNode | MqttOutputNode;
