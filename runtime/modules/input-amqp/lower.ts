// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { AmqpInputNode } from "../../../dsl/broker-ir.js";
import type { AmqpInput } from "./schema.js";

/** `secret("X")` in the URL lowers to `${secret:X}`, masked in every output (the URL holds the password). */
export function lowerAmqpInput(node: AmqpInputNode, _path: string, tools: LoweringTools): z.input<typeof AmqpInput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    queue: node.queue,
    prefetch: node.prefetch,
    redeliveryLimit: node.redeliveryLimit,
    idleAfter: node.idleAfter,
    deadLetter: node.deadLetter,
  });
}
