// Authoring: the DSL node of `.compute` (../README.md).
import type { FilterNode } from "../../../dsl/ir.js";
import { lambdaArg } from "../../../dsl/misuse.js";

export function computeNode(fn: unknown): FilterNode {
  return Object.freeze({ kind: "compute", fn: lambdaArg(fn, "compute") });
}
