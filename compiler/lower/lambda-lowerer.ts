import { type Lambda, SOURCE_SPAN } from "../../dsl/ir.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { irProblem } from "./problems.js";
import { type LambdaLowering, type LambdaRole, lowerLambda } from "./lambda.js";
import { type FieldFlow, unproducedReads } from "./produced-fields.js";
import type { LoweringOptions } from "./options.js";

/** Lowers the lambdas of one connector, prefixing each diagnostic with the artifact path it concerns. */
export interface LambdaLowerer {
  readonly options: LoweringOptions;
  readonly diagnostics: Diagnostic[];
}

export function lowerAt(
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
