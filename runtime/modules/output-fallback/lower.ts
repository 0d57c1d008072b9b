// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { FallbackOutputNode } from "../../../dsl/ir.js";
import type { FallbackOutputInput } from "./schema.js";

export function lowerFallbackOutput(node: FallbackOutputNode, path: string, tools: LoweringTools): FallbackOutputInput {
  return {
    type: "fallback",
    primary: tools.output(node.primary, `${path}.primary`),
    fallback: tools.output(node.fallback, `${path}.fallback`),
  };
}
