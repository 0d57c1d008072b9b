/** The IR of the broker inputs and outputs: plain data, the URL a ref, lowered field by field. */
import type { Duration } from "../runtime/artifact/index.js";
import type { Lambda, StringValue } from "./ir.js";

export interface AmqpInputNode {
  readonly kind: "input";
  readonly type: "amqp";
  readonly url: StringValue;
  readonly queue: string;
  readonly prefetch?: number;
  readonly redeliveryLimit?: number;
  readonly idleAfter?: Duration;
  readonly deadLetter?: "broker" | "file";
}

export interface AmqpOutputNode {
  readonly kind: "output";
  readonly type: "amqp";
  readonly url: StringValue;
  readonly exchange?: string;
  readonly routingKey: string;
  readonly persistent?: boolean;
  /** JSON Schema of each message body (inline, or `file#/pointer`), checked in dry runs. */
  readonly payloadSchema?: string | Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly key?: string;
  /** `key` is `(record) => value`, lowered to CEL. */
  readonly idempotency?: { readonly header?: string; readonly key: Lambda };
  readonly batch?: { readonly size: number };
  readonly deadLetter?: { readonly path: string };
}

export type BrokerInputNode = AmqpInputNode;
export type BrokerOutputNode = AmqpOutputNode;
