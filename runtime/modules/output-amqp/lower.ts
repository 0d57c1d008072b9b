// Authoring: the DSL's IR types and the compiler's lowering of what every broker output shares.
import type { z } from "zod";
import { lowerBrokerOutputFields } from "../../../compiler/lower/broker-output.js";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { AmqpOutputNode } from "../../../dsl/broker-ir.js";
import type { AmqpOutput } from "./schema.js";

/** The URL is a credential position; the idempotency key lambda becomes CEL. */
export function lowerAmqpOutput(node: AmqpOutputNode, path: string, tools: LoweringTools): z.input<typeof AmqpOutput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    exchange: node.exchange,
    routingKey: node.routingKey,
    persistent: node.persistent,
    payloadSchema: node.payloadSchema === undefined ? undefined : tools.plain(node.payloadSchema),
    ...lowerBrokerOutputFields(node, path, tools),
  });
}
