import ts from "typescript";
import type { Binding, LowerContext } from "./context.js";
import { unwrap } from "./fold.js";

const SEGMENT = /^[^.\s[\]]+$/;

export interface ParamPath {
  readonly binding: Binding;
  /** Field path syntax: `address.city`, `items[0].sku`; empty for the parameter itself. */
  readonly path: string;
}

/**
 * `c.address.city`, `c.items[0].sku`, `c.a?.b`: a chain of literal member accesses on a lambda
 * parameter, which the runtime reads as a field path (absent-tolerant). Anything else is not a path.
 */
export function paramPath(node: ts.Expression, ctx: LowerContext): ParamPath | undefined {
  const expr = unwrap(node);
  if (ts.isIdentifier(expr)) {
    const binding = ctx.bindings.get(expr.text);
    return binding && !binding.unreachable ? { binding, path: "" } : undefined;
  }
  if (ts.isPropertyAccessExpression(expr)) {
    if (!ts.isIdentifier(expr.name)) return undefined;
    // `list.length` is a size, not a field, unless the type really has a `length` field.
    if (expr.name.text === "length" && ctx.oracle.kindOf(expr.expression) !== "object") return undefined;
    return extend(paramPath(expr.expression, ctx), expr.name.text);
  }
  if (ts.isElementAccessExpression(expr)) {
    const key = unwrap(expr.argumentExpression);
    const base = paramPath(expr.expression, ctx);
    if (ts.isNumericLiteral(key)) {
      const index = Number(key.text);
      if (!base || base.path === "" || !Number.isSafeInteger(index) || index < 0) return undefined;
      return { binding: base.binding, path: `${base.path}[${index}]` };
    }
    if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return extend(base, key.text);
  }
  return undefined;
}

function extend(base: ParamPath | undefined, segment: string): ParamPath | undefined {
  if (!base || !SEGMENT.test(segment)) return undefined;
  return { binding: base.binding, path: base.path === "" ? segment : `${base.path}.${segment}` };
}

/** A path a map field may copy with `from`: non-empty, from the current record (not `root`). */
export function fromPath(node: ts.Expression, ctx: LowerContext): string | undefined {
  const found = paramPath(node, ctx);
  return found && found.path !== "" && found.binding.pathSource ? found.path : undefined;
}

export function isTargetSegment(key: string): boolean {
  return SEGMENT.test(key);
}
