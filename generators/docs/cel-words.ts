/**
 * CEL → plain words for the shapes connectors use: comparisons, `&&`/`||`, `in`, `has()`, ternaries
 * and the runtime's function library. Field names are in backticks, literals in double quotes; any
 * part we cannot say better is shown as its CEL text in backticks, so the words are never wrong.
 */
import { type ASTNode, fieldPath, literal, mapLiteral, parseCel, sourceText } from "./cel-ast.js";

const COMPARISONS: Record<string, string> = {
  "==": "is",
  "!=": "is not",
  "<": "is less than",
  "<=": "is at most",
  ">": "is greater than",
  ">=": "is at least",
};
const ARITHMETIC: Record<string, string> = { "+": "plus", "-": "minus", "*": "times", "/": "divided by" };

type Say = (node: ASTNode) => string;

const code = (node: ASTNode) => `\`${sourceText(node).replace(/`/g, "'")}\``;

function literalWords(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  return String(value);
}

function tableWords(node: ASTNode): string | undefined {
  const entries = mapLiteral(node);
  if (!entries) return undefined;
  return entries.map(([k, v]) => `${JSON.stringify(k)} → ${literalWords(v)}`).join(", ");
}

const CALLS: Record<string, (args: ASTNode[], say: Say) => string | undefined> = {
  lower: ([a], say) => a && `${say(a)} in lower case`,
  upper: ([a], say) => a && `${say(a)} in upper case`,
  trim: ([a], say) => a && `${say(a)} without surrounding spaces`,
  concat: (args, say) => `the text ${args.map(say).join(" + ")}`,
  split: ([a, b], say) => a && b && `${say(a)} split at ${say(b)}`,
  join: ([a, b], say) => a && b && `the items of ${say(a)} joined with ${say(b)}`,
  parseInt: ([a], say) => a && `${say(a)} read as an integer`,
  parseNumber: ([a], say) => a && `${say(a)} read as a number`,
  round: ([a, b], say) => a && b && `${say(a)} rounded to ${say(b)} decimals`,
  toCents: ([a], say) => a && `${say(a)} in cents (exact; more than 2 decimals is an error)`,
  fromCents: ([a], say) => a && `${say(a)} cents as a decimal amount`,
  parseDate: ([a, b], say) => a && b && `${say(a)} read as a date (${say(b)})`,
  formatDate: ([a, b], say) => a && b && `${say(a)} written as ${say(b)}`,
  fromUnix: ([a], say) => a && `${say(a)} (Unix seconds) as a timestamp`,
  toUnix: ([a], say) => a && `${say(a)} as Unix seconds`,
  regexMatch: ([a, b], say) => a && b && `${say(a)} matches the pattern ${say(b)}`,
  default: ([a, b], say) => a && b && `${say(a)}, or ${say(b)} when absent`,
  coalesce: (args, say) =>
    args.length === 2
      ? `${say(args[0]!)} (or ${say(args[1]!)} when absent)`
      : `the first present of ${args.map(say).join(", ")}`,
  has: ([a], say) => a && `${say(a)} is present`,
  int: ([a], say) => a && `${say(a)} as an integer`,
  double: ([a], say) => a && `${say(a)} as a number`,
  string: ([a], say) => a && `${say(a)} as text`,
  size: ([a], say) => a && `the size of ${say(a)}`,
  lookup: ([table, key, fallback], say) => {
    if (!table || !key) return undefined;
    const words = tableWords(table) ?? say(table);
    const otherwise = fallback ? `, otherwise ${say(fallback)}` : "";
    return `${say(key)} translated (${words})${otherwise}`;
  },
};

const METHODS: Record<string, (target: string, args: string[]) => string | undefined> = {
  startsWith: (t, [a]) => a && `${t} starts with ${a}`,
  endsWith: (t, [a]) => a && `${t} ends with ${a}`,
  contains: (t, [a]) => a && `${t} contains ${a}`,
  matches: (t, [a]) => a && `${t} matches the pattern ${a}`,
  size: (t) => `the size of ${t}`,
};

/** Words for one node; compound operands of `&&`/`||` are parenthesised when they mix. */
function say(node: ASTNode): string {
  const path = fieldPath(node);
  if (path !== undefined) return `\`${path}\``;
  const rootPath = fieldPath(node, "root");
  if (rootPath !== undefined) return `\`${rootPath}\` of the whole record`;
  switch (node.op) {
    case "value":
      return literalWords(literal(node));
    case "id":
      return node.args === "record" ? "the record" : `\`${node.args}\``;
    case "&&":
    case "||": {
      const joiner = node.op === "&&" ? "and" : "or";
      const part = (n: ASTNode) => ((n.op === "&&" || n.op === "||") && n.op !== node.op ? `(${say(n)})` : say(n));
      return `${part(node.args[0])} ${joiner} ${part(node.args[1])}`;
    }
    case "!_":
      return `not (${say(node.args)})`;
    case "-_":
      return `minus ${say(node.args)}`;
    case "?:":
      return `if ${say(node.args[0])} then ${say(node.args[1])}, otherwise ${say(node.args[2])}`;
    case "in": {
      const [item, set] = node.args;
      if (set.op === "list") return `${say(item)} is one of ${set.args.map(say).join(", ")}`;
      return `${say(item)} is in ${say(set)}`;
    }
    case "call": {
      const words = CALLS[node.args[0]]?.(node.args[1], say);
      return words ?? code(node);
    }
    case "rcall": {
      const words = METHODS[node.args[0]]?.(say(node.args[1]), node.args[2].map(say));
      return words ?? code(node);
    }
    default: {
      if (node.op in COMPARISONS)
        return `${say(node.args[0] as ASTNode)} ${COMPARISONS[node.op]} ${say(node.args[1] as ASTNode)}`;
      if (node.op in ARITHMETIC)
        return `${say(node.args[0] as ASTNode)} ${ARITHMETIC[node.op]} ${say(node.args[1] as ASTNode)}`;
      return code(node);
    }
  }
}

/** Plain words for a CEL expression; an expression that does not parse is shown as CEL. */
export function celWords(expression: string): string {
  const ast = parseCel(expression);
  return ast ? say(ast) : `\`${expression.replace(/`/g, "'")}\``;
}
