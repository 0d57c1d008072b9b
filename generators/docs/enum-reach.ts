/**
 * Which values of a source field can still reach the mapping: a top-level `keep if status != "x"`
 * (or `drop if status == "x"`) means "x" never needs a mapping.
 */
import type { Filter } from "../../runtime/artifact/index.js";
import { type ASTNode, fieldPath, literal, parseCel } from "./cel-ast.js";

export type Reach = (field: string, value: unknown) => boolean;

interface Rule {
  field: string;
  allows: (value: unknown) => boolean;
}

function literals(node: ASTNode): unknown[] | undefined {
  if (node.op !== "list") return undefined;
  const values = node.args.map(literal);
  return values.includes(undefined) ? undefined : values;
}

/** Rules a kept record satisfies, from the conjuncts of a keep-if condition (negated for drop-if). */
function rulesOf(node: ASTNode, negated: boolean, out: Rule[]): void {
  if (!negated && node.op === "&&") {
    rulesOf(node.args[0], negated, out);
    rulesOf(node.args[1], negated, out);
    return;
  }
  if (negated && node.op === "||") {
    rulesOf(node.args[0], negated, out);
    rulesOf(node.args[1], negated, out);
    return;
  }
  if (node.op === "!_") {
    rulesOf(node.args, !negated, out);
    return;
  }
  if (node.op === "==" || node.op === "!=") {
    const [left, right] = node.args;
    const field = fieldPath(left);
    const value = literal(right);
    if (field === undefined || value === undefined) return;
    const equal = (node.op === "==") !== negated;
    out.push({ field, allows: (v) => (v === value) === equal });
  }
  if (node.op === "in") {
    const field = fieldPath(node.args[0]);
    const values = literals(node.args[1]);
    if (field === undefined || values === undefined) return;
    out.push({ field, allows: (v) => values.includes(v) !== negated });
  }
}

export function enumReach(filters: readonly Filter[]): Reach {
  const rules: Rule[] = [];
  for (const filter of filters) {
    if (filter.type !== "condition") break; // after a map, field names are the target's
    const ast = parseCel(filter.if);
    if (!ast) continue;
    if (filter.then === "keep" && filter.else === "drop") rulesOf(ast, false, rules);
    if (filter.then === "drop" && filter.else === "keep") rulesOf(ast, true, rules);
  }
  return (field, value) => rules.every((r) => r.field !== field || r.allows(value));
}
