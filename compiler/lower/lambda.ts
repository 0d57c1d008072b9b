import ts from "typescript";
import type { MapField } from "../../runtime/artifact/index.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { lowerComputeFields } from "./compute-fields.js";
import type { Binding, LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";
import { lowerMapFields } from "./map-fields.js";
import { type FunctionNode, functionAt, type LoweringSource, parseModule } from "./module.js";
import { Problems } from "./problems.js";

export type LambdaRole = "map" | "condition" | "compute" | "expression";

export interface ComputeField {
  target: string;
  expr: string;
}

export type LoweredLambda =
  | { readonly role: "map"; readonly fields: MapField[]; readonly keepUnmapped: boolean }
  | { readonly role: "compute"; readonly fields: ComputeField[] }
  | { readonly role: "condition" | "expression"; readonly expr: string };

/** A field path the lambda reads from its record parameter, and where (`line`/`column` 1-based). */
export interface FieldRead {
  readonly path: string;
  readonly location: { file: string; line: number; column: number };
}

/** `lowered` is set only when there is no diagnostic. */
export interface LambdaLowering {
  readonly lowered?: LoweredLambda;
  readonly diagnostics: Diagnostic[];
  /** Paths read from the record parameter (not from nested `.map()` elements); set with `lowered`. */
  readonly reads?: readonly FieldRead[];
}

/**
 * Lowers the arrow function or function expression at `span` of `source`. `params` names the CEL
 * variable each parameter stands for, in order (`["record"]`, `["response", "page"]`).
 */
export function lowerLambda(
  source: LoweringSource,
  /** Character offsets of the function literal; `file`, when given, is its path on disk (a SourceSpan's). */
  span: { start: number; end: number; file?: string },
  role: LambdaRole,
  params: readonly string[],
): LambdaLowering {
  const module = parseModule(source, span.file);
  const problems = new Problems(source.file, module.sourceFile);
  const fn = functionAt(module.sourceFile, span.start, span.end);
  if (!fn) {
    return {
      diagnostics: [
        {
          code: "CANNECTORS_E_LOWERING",
          severity: "error",
          message: `no function literal at characters ${span.start}-${span.end} of ${source.file}`,
          path: "",
        },
      ],
    };
  }
  const bindings = bindParameters(fn, params, problems);
  const body = singleReturn(fn, problems);
  if (!bindings || !body) return { diagnostics: problems.list };
  const record = [...bindings.values()].find((b) => b.cel === "record");
  const fieldReads = record ? { binding: record, list: [] } : undefined;
  const ctx: LowerContext = {
    sourceFile: module.sourceFile,
    oracle: module.oracle,
    problems,
    path: "",
    bindings,
    lambda: fn,
    inHelperArg: false,
    ...(fieldReads ? { fieldReads } : {}),
  };
  const lowered = lowerBody(role, body, ctx);
  if (problems.count > 0 || !lowered) return { diagnostics: problems.list };
  const reads = (fieldReads?.list ?? []).map(({ path, node }) => ({ path, location: problems.locate(node) }));
  return { lowered, diagnostics: [], reads };
}

function lowerBody(role: LambdaRole, body: ts.Expression, ctx: LowerContext): LoweredLambda | undefined {
  switch (role) {
    case "map": {
      const map = lowerMapFields(body, ctx);
      return map && { role, fields: map.fields, keepUnmapped: map.keepUnmapped };
    }
    case "compute": {
      const fields = lowerComputeFields(body, ctx);
      return fields && { role, fields };
    }
    default:
      return { role, expr: lowerExpression(body, ctx).text };
  }
}

function bindParameters(
  fn: FunctionNode,
  params: readonly string[],
  problems: Problems,
): Map<string, Binding> | undefined {
  const bindings = new Map<string, Binding>();
  // A `this` parameter is a type annotation only; it takes no argument.
  const parameters = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === "this"));
  if (parameters.length > params.length) {
    problems.reject(
      parameters[params.length]!,
      "",
      `this lambda takes at most ${params.length} parameter(s) (${params.join(", ")})`,
    );
    return undefined;
  }
  parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name)) {
      problems.reject(
        parameter,
        "",
        "destructuring parameters is not supported",
        "name the parameter and read its fields",
      );
    } else if (parameter.initializer || parameter.dotDotDotToken) {
      problems.reject(parameter, "", "default values and rest parameters are not supported");
    } else {
      bindings.set(parameter.name.text, { cel: params[index]!, pathSource: params[index] === "record" });
    }
  });
  return problems.count > 0 ? undefined : bindings;
}

/** The returned expression: an expression body, or a block holding exactly one `return`. */
export function singleReturn(fn: FunctionNode, problems: Problems): ts.Expression | undefined {
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
    problems.reject(
      fn,
      "",
      "async lambdas are not supported",
      "lambdas are synchronous expressions evaluated by the runtime",
    );
    return undefined;
  }
  if (ts.isFunctionExpression(fn) && fn.asteriskToken) {
    problems.reject(fn, "", "generator functions are not supported");
    return undefined;
  }
  if (!ts.isBlock(fn.body)) return fn.body;
  const statements = fn.body.statements;
  const first = statements[0];
  if (statements.length === 1 && first && ts.isReturnStatement(first) && first.expression) return first.expression;
  const offending = statements.find((s) => !ts.isReturnStatement(s)) ?? statements[1] ?? fn.body;
  problems.reject(offending, "", ...statementProblem(offending));
  return undefined;
}

function statementProblem(statement: ts.Node): [string, string] {
  const single = "a lambda body is one expression, or a block with a single return";
  if (ts.isIterationStatement(statement, false)) return ["loops are not supported", single];
  if (ts.isVariableStatement(statement))
    return ["local variables are not supported", "inline the value, or use a module-level const"];
  if (ts.isIfStatement(statement)) return ["if statements are not supported", "use a ternary (a ? b : c) or .when()"];
  if (ts.isExpressionStatement(statement))
    return ["statements other than a single return are not supported (assignments, calls)", single];
  if (ts.isReturnStatement(statement)) return ["only one return is allowed", single];
  if (ts.isBlock(statement)) return ["the lambda returns nothing", single];
  return ["statements other than a single return are not supported", single];
}
