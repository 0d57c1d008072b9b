/**
 * CEL text with the precedence of its outermost operator, so parentheses are added exactly where
 * CEL's grammar needs them and nowhere else.
 */
export interface Cel {
  readonly text: string;
  readonly prec: number;
}

export const Prec = {
  ternary: 1,
  or: 2,
  and: 3,
  relation: 4,
  additive: 5,
  multiplicative: 6,
  unary: 7,
  primary: 8,
} as const;

export function primary(text: string): Cel {
  return { text, prec: Prec.primary };
}

/** `operand` wrapped in parentheses when it binds looser than `min`. */
export function atLeast(operand: Cel, min: number): string {
  return operand.prec < min ? `(${operand.text})` : operand.text;
}

export function binary(left: Cel, op: string, right: Cel, prec: number): Cel {
  // Every CEL binary operator is left-associative: the right operand needs parentheses at equal precedence.
  return { text: `${atLeast(left, prec)} ${op} ${atLeast(right, prec + 1)}`, prec };
}

export function call(name: string, args: readonly Cel[]): Cel {
  return primary(`${name}(${args.map((a) => a.text).join(", ")})`);
}

/** Variadic library functions take 2 to 8 arguments: longer lists nest, shorter ones are padded. */
export function variadic(name: string, args: readonly Cel[], pad: Cel): Cel {
  const MAX = 8;
  if (args.length === 1) return call(name, [args[0]!, pad]);
  if (args.length <= MAX) return call(name, args);
  return call(name, [...args.slice(0, MAX - 1), variadic(name, args.slice(MAX - 1), pad)]);
}

export function celString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Integral literals become CEL ints (`2`), others doubles (`2.5`). The runtime's mixed numeric
 * operators make `record.amount * 2` a double either way; `asDouble` forces `2.0` where int
 * semantics would differ from JavaScript (integer division).
 */
export function celNumber(value: number, asDouble = false): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (Number.isSafeInteger(value)) return asDouble ? `${value}.0` : String(value);
  if (Number.isInteger(value)) return value.toExponential();
  return String(value);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);

/** `x.name`, or `x["name"]` when the name is not a plain CEL identifier. */
export function selectField(receiver: Cel, name: string): Cel {
  const base = atLeast(receiver, Prec.primary);
  return primary(IDENTIFIER.test(name) && !RESERVED.has(name) ? `${base}.${name}` : `${base}[${celString(name)}]`);
}
