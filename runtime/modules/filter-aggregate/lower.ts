// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { AggregateFilterNode } from "./dsl.js";
import type { AggregateFilter } from "./schema.js";

export function lowerAggregateFilter(
  node: AggregateFilterNode,
  _path: string,
  tools: LoweringTools,
): z.input<typeof AggregateFilter> {
  tools.reshaped();
  return { type: "aggregate", ...structuredClone(node.options) } as z.input<typeof AggregateFilter>;
}
