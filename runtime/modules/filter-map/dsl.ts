// Authoring: the DSL node of `.map` / `.mapKeepingUnmapped` (../README.md).
import type { FilterNode } from "../../../dsl/ir.js";
import { lambdaArg } from "../../../dsl/misuse.js";

export function mapNode(fn: unknown, keepUnmapped: boolean): FilterNode {
  const node = keepUnmapped
    ? { kind: "map" as const, fn: lambdaArg(fn, "map"), keepUnmapped }
    : { kind: "map" as const, fn: lambdaArg(fn, "map") };
  return Object.freeze(node);
}
