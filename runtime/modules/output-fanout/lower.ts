// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { FanoutOutputNode } from "../../../dsl/ir.js";
import type { FanoutOutputInput } from "./schema.js";

export function lowerFanoutOutput(node: FanoutOutputNode, path: string, tools: LoweringTools): FanoutOutputInput {
  return {
    type: "fanout",
    outputs: node.outputs.map((branch, index) => {
      const lowered = tools.branch(branch.filters, branch.output, `${path}.outputs[${index}]`);
      return tools.defined({ filters: lowered.filters, output: lowered.output });
    }),
  };
}
