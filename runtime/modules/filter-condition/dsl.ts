// Authoring: the DSL nodes of `.filter` and `.when` (../README.md).
import type { BranchNode, FilterNode } from "../../../dsl/ir.js";
import { dslMisuse, lambdaArg } from "../../../dsl/misuse.js";

export function conditionNode(fn: unknown, then: BranchNode, otherwise: BranchNode): FilterNode {
  return Object.freeze({ kind: "condition", fn: lambdaArg(fn, "when"), then, else: otherwise });
}

/**
 * A branch is "keep", "drop", or a function given a fresh sub-pipeline; it is called once, now,
 * and only the filters it collected are kept.
 */
export function branchNode<B extends { readonly filters: readonly FilterNode[] }>(
  branch: unknown,
  fallback: "keep" | "drop",
  fresh: () => B,
): BranchNode {
  if (branch === undefined) return fallback;
  if (branch === "keep" || branch === "drop") return branch;
  if (typeof branch !== "function")
    throw dslMisuse(`a branch is "keep", "drop" or (b) => b.map(...), got ${typeof branch}`);
  const built: unknown = branch(fresh());
  const filters = (built as { filters?: unknown } | null)?.filters;
  if (!Array.isArray(filters)) throw dslMisuse("a branch function must return the sub-pipeline it was given, extended");
  return Object.freeze([...filters]);
}

/** The condition node of `.when(condition, { then, else })`: then defaults to keep, else to drop. */
export function whenNode<B extends { readonly filters: readonly FilterNode[] }>(
  condition: unknown,
  branches: { readonly then?: unknown; readonly else?: unknown },
  fresh: () => B,
): FilterNode {
  return conditionNode(condition, branchNode(branches.then, "keep", fresh), branchNode(branches.else, "drop", fresh));
}
