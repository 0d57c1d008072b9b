import { Environment } from "@marcbachmann/cel-js";

/** Macros that run their body once per element of the list (or key of the map) they are called on. */
const COMPREHENSIONS = new Set(["all", "exists", "exists_one", "existsOne", "map", "filter"]);
/**
 * Calls and operators that walk a whole list (or make one from a whole string). Scalar work such as
 * `i.price + record.shipping` or `concat(i.name, record.suffix)` is left out: it is linear, and the
 * budget bounds a string that is large anyway.
 */
const SIZED_CALLS = new Set(["join", "split"]);
const SIZED_OPERATORS = new Set(["in"]);

interface Node {
  op: string;
  args: unknown;
  start?: number;
}

export interface CostWarning {
  message: string;
  offset: number;
}

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).op === "string";

const parser = new Environment({ unlistedVariablesAreDyn: true });

/**
 * A static look at the parsed expression for cost that grows faster than linearly with a list:
 * inside a comprehension's body, an operation whose work grows with the size of a value that does
 * not come from the element (`record.items.filter(x, join(record.items, ",") != "")` joins the whole
 * list once per element: n²). Nested comprehensions over other lists are refused outright
 * (cross-product.ts). Only a warning: the per-record budget stops such a record at run time.
 */
export function findSuperlinearCost(source: string): CostWarning | undefined {
  let ast: unknown;
  try {
    ast = parser.parse(source).ast;
  } catch {
    return undefined;
  }
  return visit(ast, []);
}

function visit(node: unknown, enclosing: readonly string[]): CostWarning | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = visit(child, enclosing);
      if (found) return found;
    }
    return undefined;
  }
  if (!isNode(node)) return undefined;
  if (enclosing.length > 0) {
    const found = sizedOperationOnOuterValue(node, enclosing);
    if (found) return found;
  }
  if (!Array.isArray(node.args)) return visit(node.args, enclosing);
  const [name, receiver, callArgs] = node.args as unknown[];
  const variable = Array.isArray(callArgs) && isNode(callArgs[0]) && callArgs[0].op === "id" ? callArgs[0] : undefined;
  if (node.op !== "rcall" || typeof name !== "string" || !COMPREHENSIONS.has(name) || !variable) {
    return visit(node.args, enclosing);
  }
  return visit(receiver, enclosing) ?? visit((callArgs as unknown[]).slice(1), [...enclosing, String(variable.args)]);
}

function sizedOperationOnOuterValue(node: Node, enclosing: readonly string[]): CostWarning | undefined {
  let operands: unknown[] = [];
  let what = node.op;
  if ((node.op === "call" || node.op === "rcall") && Array.isArray(node.args)) {
    const [name, ...rest] = node.args as unknown[];
    if (typeof name !== "string" || !SIZED_CALLS.has(name)) return undefined;
    what = `${name}()`;
    operands = rest.flat();
  } else if (SIZED_OPERATORS.has(node.op) && Array.isArray(node.args)) {
    operands = node.args as unknown[];
  }
  for (const operand of operands) {
    const root = rootOf(operand);
    if (root !== undefined && !enclosing.includes(root)) {
      return {
        message: `${what} on ${root}… inside a comprehension's body runs over the whole value once per element: cost grows faster than the list (n²); the per-record budget (settings.limits.expression) may stop such records`,
        offset: node.start ?? 0,
      };
    }
  }
  return undefined;
}

/** The variable a member or index chain starts from (`record` for `record.items[0]`), if any. */
function rootOf(node: unknown): string | undefined {
  let current = node;
  let depth = 0;
  while (
    isNode(current) &&
    (current.op === "." || current.op === "?." || current.op === "[]" || current.op === "[?]")
  ) {
    current = (current.args as unknown[])[0];
    depth++;
  }
  return isNode(current) && current.op === "id" && depth > 0 ? String(current.args) : undefined;
}
