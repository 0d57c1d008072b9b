import { type BranchNode, type FilterNode, type Lambda, SOURCE_SPAN } from "../../dsl/ir.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { irProblem } from "./problems.js";
import { type LambdaLowering, type LambdaRole, lowerLambda } from "./lambda.js";
import {
  afterBranches,
  afterCompute,
  afterMap,
  type FieldFlow,
  startFlow,
  unproducedReads,
} from "./produced-fields.js";
import type { LoweringOptions } from "./options.js";

/** Lowers the lambdas of one connector, prefixing each diagnostic with the artifact path it concerns. */
export interface LambdaLowerer {
  readonly options: LoweringOptions;
  readonly diagnostics: Diagnostic[];
}

function lowerAt(
  lowerer: LambdaLowerer,
  fn: Lambda,
  path: string,
  role: LambdaRole,
  params: string[],
  flow?: FieldFlow,
): LambdaLowering["lowered"] {
  const span = typeof fn === "function" ? fn[SOURCE_SPAN] : undefined;
  if (!span) {
    lowerer.diagnostics.push(
      irProblem(path, "this function has no source span; was the file built with `cannectors build`?"),
    );
    return undefined;
  }
  const source = lowerer.options.sourceFor(span);
  if (!source) {
    lowerer.diagnostics.push(irProblem(path, `cannot read ${span.file}, where this function is written`));
    return undefined;
  }
  const result = lowerLambda(source, span, role, params);
  for (const diagnostic of result.diagnostics) {
    lowerer.diagnostics.push({ ...diagnostic, path: join(path, diagnostic.path) });
  }
  if (flow) lowerer.diagnostics.push(...unproducedReads(flow, result.reads, path));
  return result.lowered;
}

function join(base: string, rest: string): string {
  if (rest === "") return base;
  return rest.startsWith("[") ? base + rest : `${base}.${rest}`;
}

/** `flow` follows the fields the record has from filter to filter (see produced-fields.ts). */
export function lowerFilters(
  filters: readonly FilterNode[],
  path: string,
  lowerer: LambdaLowerer,
  flow: FieldFlow = startFlow(),
): Record<string, unknown>[] {
  return filters.map((filter, index) => lowerFilter(filter, `${path}[${index}]`, lowerer, flow));
}

function lowerFilter(
  filter: FilterNode,
  path: string,
  lowerer: LambdaLowerer,
  flow: FieldFlow,
): Record<string, unknown> {
  switch (filter.kind) {
    case "map": {
      const lowered = lowerAt(lowerer, filter.fn, path, "map", ["record"], flow);
      const fields = lowered?.role === "map" ? lowered.fields : [];
      const keepUnmapped = filter.keepUnmapped === true || (lowered?.role === "map" && lowered.keepUnmapped);
      afterMap(flow, lowered?.role === "map" ? fields.map((f) => f.target) : undefined, keepUnmapped);
      return keepUnmapped ? { type: "map", fields, keepUnmapped: true } : { type: "map", fields };
    }
    case "compute": {
      const lowered = lowerAt(lowerer, filter.fn, path, "compute", ["record"], flow);
      afterCompute(flow, lowered?.role === "compute" ? lowered.fields.map((f) => f.target) : undefined);
      return { type: "compute", fields: lowered?.role === "compute" ? lowered.fields : [] };
    }
    case "condition": {
      const lowered = lowerAt(lowerer, filter.fn, `${path}.if`, "condition", ["record"], flow);
      const thenFlow = { ...flow };
      const elseFlow = { ...flow };
      const lowerThen = lowerBranch(filter.then, `${path}.then`, lowerer, thenFlow);
      const lowerElse = lowerBranch(filter.else, `${path}.else`, lowerer, elseFlow);
      afterBranches(flow, [lowerThen === "drop" ? "drop" : thenFlow, lowerElse === "drop" ? "drop" : elseFlow]);
      return {
        type: "condition",
        if: lowered?.role === "condition" ? lowered.expr : "<error>",
        // biome-ignore lint/suspicious/noThenProperty: artifact data, never awaited
        then: lowerThen,
        else: lowerElse,
      };
    }
  }
}

function lowerBranch(
  branch: BranchNode,
  path: string,
  lowerer: LambdaLowerer,
  flow: FieldFlow,
): "keep" | "drop" | Record<string, unknown>[] {
  return typeof branch === "string" ? branch : lowerFilters(branch, path, lowerer, flow);
}

/** A key or stopWhen lambda as one CEL expression, or undefined after reporting why not. */
export function lowerExpressionLambda(
  lowerer: LambdaLowerer,
  fn: Lambda,
  path: string,
  params: string[],
  flow?: FieldFlow,
): string | undefined {
  const lowered = lowerAt(lowerer, fn, path, "expression", params, flow);
  return lowered?.role === "expression" ? lowered.expr : undefined;
}
