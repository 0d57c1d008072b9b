// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { MqttInputNode } from "../../../dsl/broker-ir.js";
import type { MqttInput } from "./schema.js";

/** `secret("X")` in the URL lowers to `${secret:X}`, masked in every output (the URL holds the password). */
export function lowerMqttInput(node: MqttInputNode, _path: string, tools: LoweringTools): z.input<typeof MqttInput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    clientId: node.clientId,
    topics: [...node.topics],
    protocolVersion: node.protocolVersion,
    sessionExpiry: node.sessionExpiry,
    deliveryCounts: node.deliveryCounts,
    prefetch: node.prefetch,
    redeliveryLimit: node.redeliveryLimit,
    idleAfter: node.idleAfter,
  });
}
