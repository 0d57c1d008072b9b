// Authoring: the DSL's IR types and the compiler's lowering of what every broker output shares.
import type { z } from "zod";
import { lowerBrokerOutputFields } from "../../../compiler/lower/broker-output.js";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { MqttOutputNode } from "../../../dsl/broker-ir.js";
import type { MqttOutput } from "./schema.js";

/** The URL is a credential position; the idempotency key lambda becomes CEL. */
export function lowerMqttOutput(node: MqttOutputNode, path: string, tools: LoweringTools): z.input<typeof MqttOutput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    topic: node.topic,
    retain: node.retain,
    clientId: node.clientId,
    ...lowerBrokerOutputFields(node, path, tools),
  });
}
