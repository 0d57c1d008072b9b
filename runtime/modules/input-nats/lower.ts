// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { NatsInputNode } from "../../../dsl/broker-ir.js";
import type { NatsInput } from "./schema.js";

/** `secret("X")` in the URL lowers to `${secret:X}`, masked in every output (the URL holds the password). */
export function lowerNatsInput(node: NatsInputNode, _path: string, tools: LoweringTools): z.input<typeof NatsInput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    stream: node.stream,
    consumer: node.consumer,
    subject: node.subject,
    ackWait: node.ackWait,
    prefetch: node.prefetch,
    redeliveryLimit: node.redeliveryLimit,
    idleAfter: node.idleAfter,
  });
}
