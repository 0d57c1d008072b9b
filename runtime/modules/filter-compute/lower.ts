// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { FilterNode } from "../../../dsl/ir.js";
import type { ComputeFilter } from "./schema.js";

export type ComputeFilterNode = Extract<FilterNode, { kind: "compute" }>;

export function lowerComputeFilter(
  node: ComputeFilterNode,
  path: string,
  tools: LoweringTools,
): z.input<typeof ComputeFilter> {
  return { type: "compute", fields: tools.computeLambda(node.fn, path) ?? [] };
}
