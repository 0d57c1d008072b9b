import type { FilterNode } from "../../dsl/ir.js";
import type { FilterInput } from "../../runtime/modules/catalogue.js";
import type { LoweringTools } from "./contract.js";
import { lowerOutput } from "./modules.js";
import { type LambdaLowerer, lowerAt, lowerExpressionLambda } from "./lambda-lowerer.js";
import { afterCompute, afterMap, type FieldFlow, startFlow } from "./produced-fields.js";
import { defined, lowerAuth, lowerPlain, lowerString, merged } from "./values.js";

/**
 * Which fields the record has at the filter being lowered (produced-fields.ts): maps and computes
 * move it on; a condition's branches each start from the condition's flow and report where they
 * ended in `branches`, which the compiler's dispatcher merges.
 */
export interface FlowState {
  current: FieldFlow;
  branches: FieldFlow[];
}

export function startFlowState(): FlowState {
  return { current: startFlow(), branches: [] };
}

/** The tools every module's `lower.ts` gets, bound to one connector's lambda lowerer. */
export function loweringTools(
  lowerer: LambdaLowerer,
  lowerFilters: (nodes: readonly FilterNode[], path: string, tools: LoweringTools) => FilterInput[],
  flow: FlowState = startFlowState(),
): LoweringTools {
  const tools: LoweringTools = {
    mapLambda(fn, path, options) {
      const lowered = lowerAt(lowerer, fn, path, "map", ["record"], flow.current);
      const map = lowered?.role === "map" ? lowered : undefined;
      const keepUnmapped = options?.keepUnmapped === true || map?.keepUnmapped === true;
      afterMap(
        flow.current,
        map?.fields.map((f) => f.target),
        keepUnmapped,
      );
      return map;
    },
    computeLambda(fn, path) {
      const lowered = lowerAt(lowerer, fn, path, "compute", ["record"], flow.current);
      const fields = lowered?.role === "compute" ? lowered.fields : undefined;
      afterCompute(
        flow.current,
        fields?.map((f) => f.target),
      );
      return fields;
    },
    reshaped() {
      flow.current.produced = undefined;
    },
    conditionLambda(fn, path) {
      const lowered = lowerAt(lowerer, fn, path, "condition", ["record"], flow.current);
      return lowered?.role === "condition" ? lowered.expr : undefined;
    },
    // Only a lambda over the record (a key) is checked against the fields the filters produce.
    expressionLambda: (fn, path, params) =>
      lowerExpressionLambda(lowerer, fn, path, params, params.includes("record") ? flow.current : undefined),
    filters(nodes, path) {
      const entry = flow.current;
      flow.current = { ...entry };
      const lowered = lowerFilters(nodes, path, tools);
      flow.branches.push(flow.current);
      flow.current = entry;
      return lowered;
    },
    output: (node, path) => lowerOutput(node, tools, path),
    branch(nodes, output, path) {
      const entry = flow.current;
      flow.current = { ...entry };
      const filters = lowerFilters(nodes, `${path}.filters`, tools);
      const lowered = lowerOutput(output, tools, `${path}.output`);
      flow.current = entry;
      return { filters: filters.length > 0 ? filters : undefined, output: lowered };
    },
    string: lowerString,
    plain: lowerPlain,
    auth: lowerAuth,
    merged,
    defined,
  };
  return tools;
}
