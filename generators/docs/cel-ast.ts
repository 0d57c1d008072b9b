/**
 * The CEL parser's AST, read without evaluating anything: field paths an expression reads, the
 * tables it looks values up in, the literals it compares fields with.
 */
import { type ASTNode, parse } from "@marcbachmann/cel-js";

export type { ASTNode };

/** The AST, or undefined when the text does not parse (the validator reports that, not us). */
export function parseCel(text: string): ASTNode | undefined {
  try {
    return parse(text).ast;
  } catch {
    return undefined;
  }
}

export function children(node: ASTNode): ASTNode[] {
  switch (node.op) {
    case "value":
    case "id":
      return [];
    case ".":
    case ".?":
      return [node.args[0]];
    case "call":
      return node.args[1];
    case "rcall":
      return [node.args[1], ...node.args[2]];
    case "list":
      return node.args;
    case "map":
      return node.args.flat();
    case "!_":
    case "-_":
      return [node.args];
    default:
      return [...node.args];
  }
}

/** `record.a.b` → `a.b` (also `record["a"]`); undefined for anything else. */
export function fieldPath(node: ASTNode, root = "record"): string | undefined {
  if ((node.op === "." || node.op === ".?") && node.args[0].op === "id" && node.args[0].args === root) {
    return node.args[1];
  }
  if (node.op === "." || node.op === ".?") {
    const owner = fieldPath(node.args[0], root);
    return owner === undefined ? undefined : `${owner}.${node.args[1]}`;
  }
  if (node.op === "[]" || node.op === "[?]") {
    const [owner, key] = node.args;
    if (key.op !== "value" || typeof key.args !== "string") return undefined;
    if (owner.op === "id" && owner.args === root) return key.args;
    const path = fieldPath(owner, root);
    return path === undefined ? undefined : `${path}.${key.args}`;
  }
  return undefined;
}

/** Every outermost `record.x.y` path the expression reads, sorted, without duplicates. */
export function fieldsRead(node: ASTNode | undefined, root = "record"): string[] {
  const found = new Set<string>();
  const walk = (n: ASTNode) => {
    const path = fieldPath(n, root);
    if (path !== undefined) {
      found.add(path);
      return;
    }
    children(n).forEach(walk);
  };
  if (node) walk(node);
  return [...found].sort();
}

export function walkAst(node: ASTNode | undefined, visit: (n: ASTNode) => void): void {
  if (!node) return;
  visit(node);
  for (const child of children(node)) walkAst(child, visit);
}

/** A literal's value (`"x"`, `1`, `true`), or undefined when the node is not a literal. */
export function literal(node: ASTNode): string | number | boolean | null | undefined {
  if (node.op !== "value") return undefined;
  const v = node.args;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) return v;
  return undefined;
}

/** A map literal of literals, as entries; undefined when any key or value is computed. */
export function mapLiteral(node: ASTNode): [string, unknown][] | undefined {
  if (node.op !== "map") return undefined;
  const entries: [string, unknown][] = [];
  for (const [key, value] of node.args) {
    const k = literal(key);
    const v = literal(value);
    if (k === undefined || v === undefined) return undefined;
    entries.push([String(k), v]);
  }
  return entries;
}

export function sourceText(node: ASTNode): string {
  return node.input.slice(node.start, node.end);
}
