// Authoring: the DSL's IR types and the compiler's lowering of what every broker output shares.
import type { z } from "zod";
import { lowerBrokerOutputFields } from "../../../compiler/lower/broker-output.js";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { RedisOutputNode } from "../../../dsl/broker-ir.js";
import type { RedisOutput } from "./schema.js";

/** The URL is a credential position; the idempotency key lambda becomes CEL. */
export function lowerRedisOutput(
  node: RedisOutputNode,
  path: string,
  tools: LoweringTools,
): z.input<typeof RedisOutput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    stream: node.stream,
    field: node.field,
    maxLen: node.maxLen,
    ...lowerBrokerOutputFields(node, path, tools),
  });
}
