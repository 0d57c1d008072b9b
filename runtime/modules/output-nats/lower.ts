// Authoring: the DSL's IR types and the compiler's lowering of what every broker output shares.
import type { z } from "zod";
import { lowerBrokerOutputFields } from "../../../compiler/lower/broker-output.js";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { NatsOutputNode } from "../../../dsl/broker-ir.js";
import type { NatsOutput } from "./schema.js";

/** The URL is a credential position; the idempotency key lambda becomes CEL. */
export function lowerNatsOutput(node: NatsOutputNode, path: string, tools: LoweringTools): z.input<typeof NatsOutput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    subject: node.subject,
    ...lowerBrokerOutputFields(node, path, tools),
  });
}
