// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { BranchNode, FilterNode } from "../../../dsl/ir.js";
import type { ConditionFilter } from "./schema.js";

export type ConditionFilterNode = Extract<FilterNode, { kind: "condition" }>;

export function lowerConditionFilter(
  node: ConditionFilterNode,
  path: string,
  tools: LoweringTools,
): z.input<typeof ConditionFilter> {
  const branch = (value: BranchNode, at: string) => (typeof value === "string" ? value : tools.filters(value, at));
  return {
    type: "condition",
    if: tools.conditionLambda(node.fn, `${path}.if`) ?? "<error>",
    // biome-ignore lint/suspicious/noThenProperty: artifact data, never awaited
    then: branch(node.then, `${path}.then`),
    else: branch(node.else, `${path}.else`),
  };
}
