// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { AmqpOutputNode } from "../../../dsl/broker-ir.js";
import type { AmqpOutput } from "./schema.js";

/** The URL is a credential position; the idempotency key lambda becomes CEL. */
export function lowerAmqpOutput(node: AmqpOutputNode, path: string, tools: LoweringTools): z.input<typeof AmqpOutput> {
  let idempotency: z.input<typeof AmqpOutput>["idempotency"];
  if (node.idempotency) {
    const key = tools.expressionLambda(node.idempotency.key, `${path}.idempotency.key`, ["record"]);
    idempotency = tools.defined({ header: node.idempotency.header, key: key ?? "<error>" });
  }
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    exchange: node.exchange,
    routingKey: node.routingKey,
    persistent: node.persistent,
    payloadSchema: node.payloadSchema === undefined ? undefined : tools.plain(node.payloadSchema),
    headers: node.headers ? { ...node.headers } : undefined,
    key: node.key,
    idempotency,
    batch: node.batch ? tools.plain(node.batch) : undefined,
    deadLetter: node.deadLetter ? tools.plain(node.deadLetter) : undefined,
  });
}
