import type { ASTNode } from "@marcbachmann/cel-js";
import { buildsValue, charge } from "../budget/meter.js";
import { guardResult } from "./guard-result.js";
import { intOfDouble } from "./int-conversion.js";
import { mapLiteral } from "./map-literal.js";
import { binaryOperator, timestampCall } from "./timestamps.js";
import { fixedOffsetGetter } from "./fixed-offset.js";

/** cel-js's node evaluator signature: (evaluator, node, context) → value. */
export type NodeEvaluate = (ev: Evaluator, node: ASTNode, ctx: unknown) => unknown;
export interface Evaluator {
  run(node: ASTNode, ctx: unknown): unknown;
}

interface Meta {
  evaluate: NodeEvaluate;
  alternate?: ASTNode;
  macro?: { evaluate: (ev: Evaluator, macro: unknown, ctx: unknown) => unknown };
}

/**
 * Gives every node of a checked cel-js AST an evaluator that (1) corrects what cel-js gets wrong on
 * real data (map literals, fixed-offset zones, nanoseconds, int/double order), (2) refuses results CEL calls errors (int64
 * overflow, timestamps and durations out of range) and (3) charges the budget meter with the rule
 * the compiled engines use. Only nodes of the parsed tree are visited, the ones the compiled
 * engines compile too; nodes cel-js adds for its comprehensions are its internal machinery.
 */
export function instrument(root: ASTNode): void {
  const seen = new Set<ASTNode>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value) || seen.has(value)) return;
    seen.add(value);
    // `-9223372036854775808` is `-` applied to 2^63: that literal alone is not an overflow.
    if (value.op === "-_" && isNode(value.args) && value.args.op === "value") negated.add(value.args);
    visit(value.args);
    wrap(value, negated.has(value));
  };
  const negated = new Set<ASTNode>();
  visit(root);
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === "object" && value !== null && typeof (value as ASTNode).op === "string" && "args" in value;
}

function wrap(node: ASTNode, negatedLiteral: boolean): void {
  const base = override(node) ?? original(node);
  const builds = buildsValue(node.op);
  const evaluate: NodeEvaluate = negatedLiteral
    ? (ev, _node, ctx) => {
        const value = base(ev, node, ctx);
        charge(builds, value);
        return value;
      }
    : (ev, _node, ctx) => {
        const value = guardResult(base(ev, node, ctx), node);
        charge(builds, value);
        return value;
      };
  (node as unknown as { evaluate: NodeEvaluate }).evaluate = evaluate;
}

/** What ASTNode.prototype.evaluate would run for this node (it resolves the same three cases). */
function original(node: ASTNode): NodeEvaluate {
  const meta = (node as unknown as { meta: Meta }).meta;
  if (meta.alternate) {
    const alternate = meta.alternate;
    return (ev, _node, ctx) => (alternate as unknown as { evaluate: NodeEvaluate }).evaluate(ev, alternate, ctx);
  }
  if (meta.macro) return (ev, _node, ctx) => meta.macro!.evaluate(ev, meta.macro, ctx);
  return meta.evaluate;
}

function override(node: ASTNode): NodeEvaluate | undefined {
  const meta = (node as unknown as { meta: Meta }).meta;
  if (meta.alternate || meta.macro) return undefined;
  if (node.op === "map") return mapLiteral(original(node));
  if (node.op === "rcall") return fixedOffsetGetter(node, original(node));
  if (node.op === "call") return timestampCall(node, original(node)) ?? intOfDouble(node, original(node));
  return binaryOperator(node, original(node));
}
