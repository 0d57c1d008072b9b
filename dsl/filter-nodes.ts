import type { BranchNode, FilterNode, Lambda } from "./ir.js";
import { dslMisuse } from "./misuse.js";

function lambda(fn: unknown, method: string): Lambda {
  if (typeof fn !== "function") throw dslMisuse(`.${method}(...) expects a function, got ${typeof fn}`);
  return fn;
}

export function conditionNode(fn: unknown, then: BranchNode, otherwise: BranchNode): FilterNode {
  return Object.freeze({ kind: "condition", fn: lambda(fn, "when"), then, else: otherwise });
}

export function mapNode(fn: unknown, keepUnmapped: boolean): FilterNode {
  const node = keepUnmapped
    ? { kind: "map" as const, fn: lambda(fn, "map"), keepUnmapped }
    : { kind: "map" as const, fn: lambda(fn, "map") };
  return Object.freeze(node);
}

export function computeNode(fn: unknown): FilterNode {
  return Object.freeze({ kind: "compute", fn: lambda(fn, "compute") });
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
