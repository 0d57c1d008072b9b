import { type BranchNode, type FilterNode, type Lambda, SOURCE_SPAN } from "../../dsl/ir.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { irProblem } from "./problems.js";
import { type LambdaLowering, type LambdaRole, lowerLambda } from "./lambda.js";
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
  return result.lowered;
}

function join(base: string, rest: string): string {
  if (rest === "") return base;
  return rest.startsWith("[") ? base + rest : `${base}.${rest}`;
}

export function lowerFilters(
  filters: readonly FilterNode[],
  path: string,
  lowerer: LambdaLowerer,
): Record<string, unknown>[] {
  return filters.map((filter, index) => lowerFilter(filter, `${path}[${index}]`, lowerer));
}

function lowerFilter(filter: FilterNode, path: string, lowerer: LambdaLowerer): Record<string, unknown> {
  switch (filter.kind) {
    case "map": {
      const lowered = lowerAt(lowerer, filter.fn, path, "map", ["record"]);
      const fields = lowered?.role === "map" ? lowered.fields : [];
      const keepUnmapped = filter.keepUnmapped === true || (lowered?.role === "map" && lowered.keepUnmapped);
      return keepUnmapped ? { type: "map", fields, keepUnmapped: true } : { type: "map", fields };
    }
    case "compute": {
      const lowered = lowerAt(lowerer, filter.fn, path, "compute", ["record"]);
      return { type: "compute", fields: lowered?.role === "compute" ? lowered.fields : [] };
    }
    case "condition": {
      const lowered = lowerAt(lowerer, filter.fn, `${path}.if`, "condition", ["record"]);
      return {
        type: "condition",
        if: lowered?.role === "condition" ? lowered.expr : "<error>",
        // biome-ignore lint/suspicious/noThenProperty: artifact data, never awaited
        then: lowerBranch(filter.then, `${path}.then`, lowerer),
        else: lowerBranch(filter.else, `${path}.else`, lowerer),
      };
    }
  }
}

function lowerBranch(
  branch: BranchNode,
  path: string,
  lowerer: LambdaLowerer,
): "keep" | "drop" | Record<string, unknown>[] {
  return typeof branch === "string" ? branch : lowerFilters(branch, path, lowerer);
}

/** A key or stopWhen lambda as one CEL expression, or undefined after reporting why not. */
export function lowerExpressionLambda(
  lowerer: LambdaLowerer,
  fn: Lambda,
  path: string,
  params: string[],
): string | undefined {
  const lowered = lowerAt(lowerer, fn, path, "expression", params);
  return lowered?.role === "expression" ? lowered.expr : undefined;
}
