import type { FilterNode } from "../../dsl/ir.js";
import type { FilterInput } from "../../runtime/modules/catalogue.js";
import type { LoweringTools } from "./contract.js";
import { type LambdaLowerer, lowerAt, lowerExpressionLambda } from "./lambda-lowerer.js";
import { defined, lowerAuth, lowerPlain, lowerString, merged } from "./values.js";

/** The tools every module's `lower.ts` gets, bound to one connector's lambda lowerer. */
export function loweringTools(
  lowerer: LambdaLowerer,
  lowerFilters: (nodes: readonly FilterNode[], path: string, tools: LoweringTools) => FilterInput[],
): LoweringTools {
  const tools: LoweringTools = {
    mapLambda(fn, path) {
      const lowered = lowerAt(lowerer, fn, path, "map", ["record"]);
      return lowered?.role === "map" ? lowered : undefined;
    },
    computeLambda(fn, path) {
      const lowered = lowerAt(lowerer, fn, path, "compute", ["record"]);
      return lowered?.role === "compute" ? lowered.fields : undefined;
    },
    conditionLambda(fn, path) {
      const lowered = lowerAt(lowerer, fn, path, "condition", ["record"]);
      return lowered?.role === "condition" ? lowered.expr : undefined;
    },
    expressionLambda: (fn, path, params) => lowerExpressionLambda(lowerer, fn, path, params),
    filters: (nodes, path) => lowerFilters(nodes, path, tools),
    string: lowerString,
    plain: (value, position) => lowerPlain(value, position) as never,
    auth: (node) => lowerAuth(node) as never,
    merged: (base, own) => merged(base, own) as never,
    defined: (entries) => defined(entries as Record<string, unknown>) as never,
  };
  return tools;
}
