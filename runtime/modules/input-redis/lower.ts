// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { RedisInputNode } from "../../../dsl/broker-ir.js";
import type { RedisInput } from "./schema.js";

/** `secret("X")` in the URL lowers to `${secret:X}`, masked in every output (the URL holds the password). */
export function lowerRedisInput(node: RedisInputNode, _path: string, tools: LoweringTools): z.input<typeof RedisInput> {
  return tools.defined({
    type: node.type,
    url: tools.string(node.url, "config"),
    stream: node.stream,
    group: node.group,
    consumer: node.consumer,
    field: node.field,
    claimIdle: node.claimIdle,
    prefetch: node.prefetch,
    redeliveryLimit: node.redeliveryLimit,
    idleAfter: node.idleAfter,
  });
}
