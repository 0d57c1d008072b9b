import ts from "typescript";
import { checkExpression } from "../../runtime/expr/index.js";
import { type Cel, Prec, atLeast, call, primary, variadic } from "./cel-text.js";
import type { LowerContext } from "./context.js";
import { ERROR, lowerExpression } from "./expression.js";
import { unwrap } from "./fold.js";
import { HELPER_NAMES, HELPERS, VARIADIC } from "./helpers.js";
import { isHelperModule, resolveName } from "./scope.js";

const NOT_DETERMINISTIC =
  "the runtime has no clock, randomness or I/O: every run of a record must give the same result";

export function lowerCall(node: ts.CallExpression, ctx: LowerContext): Cel {
  const reject = (at: ts.Node, message: string, hint?: string): Cel => {
    ctx.problems.reject(at, ctx.path, message, hint);
    return ERROR;
  };
  if (ts.isOptionalChain(node)) {
    return reject(node, "optional calls (?.) are not supported", 'give a default first, e.g. (c.name ?? "").trim()');
  }
  const spread = node.arguments.find(ts.isSpreadElement);
  if (spread) return reject(spread, "spread arguments are not supported", "pass the arguments one by one");
  const callee = unwrap(node.expression);
  const helper = helperPath(callee, ctx);
  if (helper !== undefined) {
    if (helper === "cel") return lowerRawCel(node, ctx);
    if (helper === "todo") return rejectTodo(node, ctx);
    const spec = HELPERS.get(helper);
    if (!spec)
      return reject(
        callee,
        `${helper || "the module object"} cannot be used in a lambda`,
        `lambdas may call ${HELPER_NAMES}`,
      );
    const count = node.arguments.length;
    if (count < spec.min || count > spec.max) {
      return reject(
        node,
        `${helper} takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} arguments, got ${count}`,
      );
    }
    const args = node.arguments.map((arg) =>
      lowerExpression(arg, { ...ctx, inHelperArg: true }, { absentTolerant: helper === "coalesce" }),
    );
    return VARIADIC.has(spec.cel)
      ? variadic(spec.cel, args, spec.cel === "concat" ? primary('""') : primary("null"))
      : call(spec.cel, args);
  }
  if (ts.isIdentifier(callee)) return lowerGlobalCall(node, callee, ctx);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    const owner = unwrap(callee.expression);
    if (
      ts.isIdentifier(owner) &&
      !ctx.bindings.has(owner.text) &&
      resolveName(owner.text, ctx.lambda).kind === "global"
    ) {
      if (owner.text === "Math" && callee.name.text === "round") {
        if (node.arguments.length !== 1) return reject(node, "Math.round takes 1 argument");
        return call("round", [lowerExpression(node.arguments[0]!, ctx), primary("0")]);
      }
      const what = `${owner.text}.${callee.name.text}()`;
      if (["Date", "Math", "crypto", "performance", "process"].includes(owner.text)) {
        return reject(
          callee,
          `${what} is not supported`,
          owner.text === "Math" ? "use round(x, digits)" : NOT_DETERMINISTIC,
        );
      }
      return reject(callee, `${what} is not supported`, `lambdas may call ${HELPER_NAMES}`);
    }
    return lowerMethod(node, callee, ctx);
  }
  return reject(callee, "this call is not supported", `lambdas may call ${HELPER_NAMES}`);
}

/**
 * The exported name a callee refers to in the helper module (`cents`, `date.parse`, `""` for a
 * namespace import itself), recognised by the import, whatever local alias it has.
 */
function helperPath(callee: ts.Expression, ctx: LowerContext): string | undefined {
  if (ts.isIdentifier(callee)) {
    if (ctx.bindings.has(callee.text)) return undefined;
    const resolution = resolveName(callee.text, ctx.lambda);
    if (resolution.kind !== "import" || !isHelperModule(resolution.module)) return undefined;
    return resolution.name === "*" ? "" : resolution.name;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    const base = helperPath(unwrap(callee.expression), ctx);
    if (base === undefined) return undefined;
    return base === "" ? callee.name.text : `${base}.${callee.name.text}`;
  }
  return undefined;
}

/**
 * `todo("field")` is a decision `generate` left to the developer, not a misuse: say which field
 * (or path parameter) still needs one, and what deciding means.
 */
function rejectTodo(node: ts.CallExpression, ctx: LowerContext): Cel {
  const arg = node.arguments[0] === undefined ? undefined : unwrap(node.arguments[0]);
  const field = arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : "this field";
  ctx.problems.reject(
    node,
    ctx.path,
    `decide this field: ${field}`,
    "map it from the record (r.some_field), give a module-level const, or remove the entry if the target does not require it",
  );
  return ERROR;
}

function lowerRawCel(node: ts.CallExpression, ctx: LowerContext): Cel {
  const arg = node.arguments[0];
  const literal = arg === undefined ? undefined : unwrap(arg);
  if (
    node.arguments.length !== 1 ||
    !literal ||
    !(ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal))
  ) {
    ctx.problems.reject(
      node,
      ctx.path,
      "cel() takes one string literal",
      "the expression is copied verbatim into the artifact",
    );
    return ERROR;
  }
  const variables = [...new Set([...ctx.bindings.values()].map((b) => b.cel))];
  const problem = checkExpression(literal.text, variables);
  if (problem) {
    ctx.problems.reject(
      literal,
      ctx.path,
      `invalid CEL in cel(): ${problem.message}`,
      `the variables here are ${variables.join(", ")}`,
    );
    return ERROR;
  }
  return { text: literal.text, prec: Prec.ternary };
}

function lowerGlobalCall(node: ts.CallExpression, callee: ts.Identifier, ctx: LowerContext): Cel {
  const name = callee.text;
  const resolution = ctx.bindings.has(name) ? undefined : resolveName(name, ctx.lambda);
  if (resolution?.kind === "global" && (name === "Number" || name === "String")) {
    if (node.arguments.length !== 1) {
      ctx.problems.reject(node, ctx.path, `${name}() takes 1 argument here`);
      return ERROR;
    }
    return call(name === "Number" ? "parseNumber" : "string", [lowerExpression(node.arguments[0]!, ctx)]);
  }
  const hint =
    resolution?.kind === "global" && ["fetch", "Date", "setTimeout", "require"].includes(name)
      ? NOT_DETERMINISTIC
      : `lambdas may call ${HELPER_NAMES}`;
  ctx.problems.reject(callee, ctx.path, `calls to ${name}() are not supported`, hint);
  return ERROR;
}

const METHODS: ReadonlyMap<string, { readonly args: readonly number[] }> = new Map([
  ["trim", { args: [0] }],
  ["toLowerCase", { args: [0] }],
  ["toUpperCase", { args: [0] }],
  ["split", { args: [1] }],
  ["startsWith", { args: [1] }],
  ["endsWith", { args: [1] }],
  ["includes", { args: [1] }],
  ["join", { args: [0, 1] }],
]);

function lowerMethod(node: ts.CallExpression, callee: ts.PropertyAccessExpression, ctx: LowerContext): Cel {
  const method = callee.name.text;
  const spec = METHODS.get(method);
  const before = ctx.problems.count;
  const receiver = lowerExpression(callee.expression, ctx);
  // A receiver that is already wrong (a regex literal, say) explains the call; one report is enough.
  if (ctx.problems.count > before) return ERROR;
  if (!spec) {
    const hint =
      method === "map"
        ? "only a map field's value may be list.map((item) => ({ ... }))"
        : method === "toString"
          ? "use String(x)"
          : "supported methods: trim, toLowerCase, toUpperCase, split, startsWith, endsWith, includes, join";
    ctx.problems.reject(callee.name, ctx.path, `.${method}() is not supported`, hint);
    return ERROR;
  }
  if (!spec.args.includes(node.arguments.length)) {
    ctx.problems.reject(
      node,
      ctx.path,
      `.${method}() takes ${spec.args.join(" or ")} argument(s) here, got ${node.arguments.length}`,
    );
    return ERROR;
  }
  const args = node.arguments.map((arg) => lowerExpression(arg, ctx));
  const own = atLeast(receiver, Prec.primary);
  switch (method) {
    case "trim":
      return call("trim", [receiver]);
    case "toLowerCase":
      return call("lower", [receiver]);
    case "toUpperCase":
      return call("upper", [receiver]);
    case "split":
      return call("split", [receiver, args[0]!]);
    case "join":
      return call("join", [receiver, args[0] ?? primary('","')]);
    case "startsWith":
    case "endsWith":
      return primary(`${own}.${method}(${args[0]!.text})`);
    default:
      return lowerIncludes(node, callee, receiver, args[0]!, ctx);
  }
}

/** `.includes` is `contains` on text and `in` on lists: the receiver's type decides. */
function lowerIncludes(
  node: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  receiver: Cel,
  arg: Cel,
  ctx: LowerContext,
): Cel {
  const kind = ctx.oracle.kindOf(callee.expression);
  if (kind === "string") return primary(`${atLeast(receiver, Prec.primary)}.contains(${arg.text})`);
  if (kind === "array")
    return { text: `${atLeast(arg, Prec.additive)} in ${atLeast(receiver, Prec.additive)}`, prec: Prec.relation };
  ctx.problems.reject(
    node,
    ctx.path,
    "cannot tell whether .includes() searches text or a list (the type is unknown)",
    "give the value a string or array type",
  );
  return ERROR;
}
