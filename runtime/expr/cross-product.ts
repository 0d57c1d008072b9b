import { Environment } from "@marcbachmann/cel-js";
import type { ForbiddenUse } from "./forbidden.js";

/** Macros that run their body once per element of the list (or key of the map) they are called on. */
const COMPREHENSIONS = new Set(["all", "exists", "exists_one", "existsOne", "map", "filter"]);

interface Node {
  op: string;
  args: unknown;
  /** Offset of the node's first character in the source. */
  start?: number;
}

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).op === "string";

/** Parsing needs no declared variables; a private environment keeps this check independent of the caller's. */
const parser = new Environment({ unlistedVariablesAreDyn: true });

/**
 * A comprehension inside another one runs once per outer element: over a list the source chose, two
 * levels over `record.items` cost n² steps and three n³ (about 10 s per record for n = 300), which
 * the per-record budget (budget/) would only stop after spending it. A nested comprehension must
 * therefore range over part of the enclosing element (`record.orders.map(o, o.lines.map(l, l.qty))`), which keeps the total work
 * linear in the size of the record.
 */
export function findCrossProduct(source: string): ForbiddenUse | undefined {
  let ast: unknown;
  try {
    ast = parser.parse(source).ast;
  } catch {
    return undefined; // Syntax errors are reported by the real check.
  }
  return visit(ast, []);
}

function visit(node: unknown, enclosing: readonly string[]): ForbiddenUse | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = visit(child, enclosing);
      if (found) return found;
    }
    return undefined;
  }
  if (!isNode(node) || !Array.isArray(node.args)) return undefined;
  const [name, receiver, callArgs] = node.args as unknown[];
  const variable = Array.isArray(callArgs) && isNode(callArgs[0]) && callArgs[0].op === "id" ? callArgs[0] : undefined;
  if (node.op !== "rcall" || typeof name !== "string" || !COMPREHENSIONS.has(name) || !variable) {
    return visit(node.args, enclosing);
  }
  // The range is evaluated once, outside the loop; only the body runs per element.
  const inRange = visit(receiver, enclosing);
  if (inRange) return inRange;
  if (enclosing.length > 0 && !enclosing.includes(rootOf(receiver) ?? "")) {
    return {
      message: `${name}() inside another comprehension must range over part of the enclosing element (${enclosing.join(", ")}); ranging over anything else costs n^depth steps`,
      offset: isNode(receiver) ? (receiver.start ?? 0) : 0,
    };
  }
  return visit((callArgs as unknown[]).slice(1), [...enclosing, String(variable.args)]);
}

/** The variable a member or index chain starts from: `o` for `o.lines[0].items`. */
function rootOf(node: unknown): string | undefined {
  let current = node;
  while (
    isNode(current) &&
    (current.op === "." || current.op === "?." || current.op === "[]" || current.op === "[?]")
  ) {
    current = (current.args as unknown[])[0];
  }
  return isNode(current) && current.op === "id" ? String(current.args) : undefined;
}
