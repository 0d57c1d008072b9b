/** `cannectors import` for broker modules: `amqpQueue<ImportedRecord>({ ... })`, `amqpExchange<ImportedRecord>({ ... })`. */
import type { AmqpInput, AmqpOutput } from "../../runtime/artifact/index.js";
import type { ImportContext } from "./contract.js";
import { literal, propertyKey, secretString } from "./ts-literals.js";

type Written<T> = { [K in keyof T]?: T[K] };

function options(entries: readonly [string, string | undefined][]): string {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} }`;
}

const optional = (value: unknown) => (value === undefined ? undefined : literal(value));

export function amqpQueueCall(input: Written<AmqpInput>, context: ImportContext): string {
  context.use("amqpQueue");
  return `amqpQueue<ImportedRecord>(${options([
    ["url", secretString(input.url ?? "", context.use)],
    ["queue", literal(input.queue ?? "")],
    ["prefetch", optional(input.prefetch)],
    ["redeliveryLimit", optional(input.redeliveryLimit)],
    ["idleAfter", optional(input.idleAfter)],
    ["deadLetter", optional(input.deadLetter)],
  ])})`;
}

export function amqpExchangeCall(output: Written<AmqpOutput>, context: ImportContext): string {
  context.use("amqpExchange");
  const idempotency = output.idempotency;
  if (idempotency) context.use("cel");
  return `amqpExchange<ImportedRecord>(${options([
    ["url", secretString(output.url ?? "", context.use)],
    ["exchange", optional(output.exchange)],
    ["routingKey", literal(output.routingKey ?? "")],
    ["persistent", optional(output.persistent)],
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
  ])})`;
}
