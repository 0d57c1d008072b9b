/** `cannectors import` for broker modules: `amqpQueue<ImportedRecord>({ ... })`, `natsSubject<ImportedRecord>({ ... })`... */
import type {
  AmqpInput,
  AmqpOutput,
  MqttInput,
  MqttOutput,
  NatsInput,
  NatsOutput,
  RedisInput,
  RedisOutput,
} from "../../runtime/artifact/index.js";
import type { ImportContext } from "./contract.js";
import { literal, propertyKey, secretString } from "./ts-literals.js";

type Written<T> = { [K in keyof T]?: T[K] };

function options(entries: readonly [string, string | undefined][]): string {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} }`;
}

const optional = (value: unknown) => (value === undefined ? undefined : literal(value));

type BrokerInputWritten = Written<AmqpInput> | Written<NatsInput> | Written<RedisInput> | Written<MqttInput>;
type BrokerOutputWritten = Written<AmqpOutput> | Written<NatsOutput> | Written<RedisOutput> | Written<MqttOutput>;

/** The fields every broker input shares, after its own. */
const inputFields = (input: BrokerInputWritten): [string, string | undefined][] => [
  ["prefetch", optional(input.prefetch)],
  ["redeliveryLimit", optional(input.redeliveryLimit)],
  ["idleAfter", optional(input.idleAfter)],
];

/** The fields every broker output shares, after its own: the idempotency key back to a `cel(...)` lambda. */
function outputFields(output: BrokerOutputWritten, context: ImportContext): [string, string | undefined][] {
  const idempotency = output.idempotency;
  if (idempotency) context.use("cel");
  return [
    ["payloadSchema", optional(output.payloadSchema)],
    ["headers", optional(output.headers)],
    ["key", optional(output.key)],
    [
      "idempotency",
      idempotency &&
        options([
          ["header", optional((idempotency as { header?: string }).header)],
          ["key", `(r) => cel(${JSON.stringify(idempotency.key)})`],
        ]),
    ],
    ["batch", optional(output.batch)],
    ["deadLetter", optional(output.deadLetter)],
  ];
}

export function amqpQueueCall(input: Written<AmqpInput>, context: ImportContext): string {
  context.use("amqpQueue");
  return `amqpQueue<ImportedRecord>(${options([
    ["url", secretString(input.url ?? "", context.use)],
    ["queue", literal(input.queue ?? "")],
    ...inputFields(input),
    ["deadLetter", optional(input.deadLetter)],
  ])})`;
}

export function amqpExchangeCall(output: Written<AmqpOutput>, context: ImportContext): string {
  context.use("amqpExchange");
  return `amqpExchange<ImportedRecord>(${options([
    ["url", secretString(output.url ?? "", context.use)],
    ["exchange", optional(output.exchange)],
    ["routingKey", literal(output.routingKey ?? "")],
    ["persistent", optional(output.persistent)],
    ...outputFields(output, context),
  ])})`;
}

export function natsStreamCall(input: Written<NatsInput>, context: ImportContext): string {
  context.use("natsStream");
  return `natsStream<ImportedRecord>(${options([
    ["url", secretString(input.url ?? "", context.use)],
    ["stream", literal(input.stream ?? "")],
    ["consumer", literal(input.consumer ?? "")],
    ["subject", optional(input.subject)],
    ["ackWait", optional(input.ackWait)],
    ...inputFields(input),
  ])})`;
}

export function natsSubjectCall(output: Written<NatsOutput>, context: ImportContext): string {
  context.use("natsSubject");
  return `natsSubject<ImportedRecord>(${options([
    ["url", secretString(output.url ?? "", context.use)],
    ["subject", literal(output.subject ?? "")],
    ...outputFields(output, context),
  ])})`;
}

export function redisStreamCall(input: Written<RedisInput>, context: ImportContext): string {
  context.use("redisStream");
  return `redisStream<ImportedRecord>(${options([
    ["url", secretString(input.url ?? "", context.use)],
    ["stream", literal(input.stream ?? "")],
    ["group", literal(input.group ?? "")],
    ["consumer", optional(input.consumer)],
    ["field", optional(input.field)],
    ["claimIdle", optional(input.claimIdle)],
    ...inputFields(input),
  ])})`;
}

export function redisStreamAppendCall(output: Written<RedisOutput>, context: ImportContext): string {
  context.use("redisStreamAppend");
  return `redisStreamAppend<ImportedRecord>(${options([
    ["url", secretString(output.url ?? "", context.use)],
    ["stream", literal(output.stream ?? "")],
    ["field", optional(output.field)],
    ["maxLen", optional(output.maxLen)],
    ...outputFields(output, context),
  ])})`;
}

export function mqttTopicsCall(input: Written<MqttInput>, context: ImportContext): string {
  context.use("mqttTopics");
  return `mqttTopics<ImportedRecord>(${options([
    ["url", secretString(input.url ?? "", context.use)],
    ["clientId", literal(input.clientId ?? "")],
    ["topics", literal(input.topics ?? [])],
    ["protocolVersion", optional(input.protocolVersion)],
    ["sessionExpiry", optional(input.sessionExpiry)],
    ["deliveryCounts", optional(input.deliveryCounts)],
    ...inputFields(input),
  ])})`;
}

export function mqttPublishCall(output: Written<MqttOutput>, context: ImportContext): string {
  context.use("mqttPublish");
  return `mqttPublish<ImportedRecord>(${options([
    ["url", secretString(output.url ?? "", context.use)],
    ["topic", literal(output.topic ?? "")],
    ["retain", optional(output.retain)],
    ["clientId", optional(output.clientId)],
    ...outputFields(output, context),
  ])})`;
}
