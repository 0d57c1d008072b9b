// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { SplitFilterNode } from "./dsl.js";
import type { SplitFilter } from "./schema.js";

export function lowerSplitFilter(
  node: SplitFilterNode,
  _path: string,
  tools: LoweringTools,
): z.input<typeof SplitFilter> {
  tools.reshaped();
  return tools.defined({
    type: "split",
    field: node.options.field,
    as: node.options.as,
    keep: node.options.keep ? [...node.options.keep] : undefined,
  });
}
