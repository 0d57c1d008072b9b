import { ABSENT, bail, type Evaluate } from "./signals.js";
import { int64 } from "./values.js";

type Binary = (a: unknown, b: unknown) => unknown;

/**
 * The binary operators on the value pairs whose result is certain. Every other pair bails, so
 * cel-js decides (an overload error, heterogeneous equality, lists, timestamps...).
 */
function equals(a: unknown, b: unknown): boolean {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === tb && (ta === "string" || ta === "number" || ta === "boolean" || ta === "bigint")) return a === b;
  if (a === null && b === null) return true;
  if (ta === "number" && tb === "bigint") return sameInteger(a as number, b as bigint);
  if (ta === "bigint" && tb === "number") return sameInteger(b as number, a as bigint);
  return bail();
}

/** Exact, like JS's loose `==` between a number and a BigInt. */
function sameInteger(a: number, b: bigint): boolean {
  return Number.isInteger(a) && BigInt(a) === b;
}

function comparable(a: unknown, b: unknown): boolean {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === "number" || ta === "bigint") return tb === "number" || tb === "bigint";
  return (ta === "string" || ta === "boolean") && ta === tb;
}

/** `double ⊕ int` computes in doubles, as registered by numeric-operators.ts. */
function numeric(
  a: unknown,
  b: unknown,
  ints: (x: bigint, y: bigint) => bigint,
  doubles: (x: number, y: number) => number,
): number | bigint {
  if (typeof a === "number") {
    if (typeof b === "number") return doubles(a, b);
    if (typeof b === "bigint") return doubles(a, Number(b));
  } else if (typeof a === "bigint") {
    if (typeof b === "bigint") return ints(a, b);
    if (typeof b === "number") return doubles(Number(a), b);
  }
  return bail();
}

const nonZero = (value: bigint): bigint => (value === 0n ? bail() : value);
const remainder = (a: number, b: number): number => (b === 0 ? bail() : a % b);

function add(a: unknown, b: unknown): unknown {
  if (typeof a === "string" && typeof b === "string") return a + b;
  return numeric(
    a,
    b,
    (x, y) => int64(x + y),
    (x, y) => x + y,
  );
}

function membership(value: unknown, collection: unknown): boolean {
  if (Array.isArray(collection)) {
    const numberLike = typeof value === "number" || typeof value === "bigint";
    if (!numberLike && typeof value !== "string") return bail();
    for (const item of collection) {
      const same = numberLike ? typeof item === "number" || typeof item === "bigint" : typeof item === "string";
      if (!same) return bail();
    }
    for (const item of collection) if (equals(value, item)) return true;
    return false;
  }
  if (typeof value === "string" && typeof collection === "object" && collection !== null) {
    const kind = collection.constructor;
    if (kind === Object || kind === undefined) {
      return Object.hasOwn(collection, value) && (collection as Record<string, unknown>)[value] !== undefined;
    }
  }
  return bail();
}

/** An int against a double orders as two doubles, as CEL specifies (conformance `*_lossy_double`). */
function mixed(a: unknown, b: unknown): boolean {
  return typeof a !== typeof b;
}

/** Shared with codegen.ts, which calls these for the operators it does not write out inline. */
export const BINARY: Readonly<Record<string, Binary>> = {
  "==": equals,
  "!=": (a, b) => !equals(a, b),
  "<": (a, b) => (comparable(a, b) ? (mixed(a, b) ? Number(a) < Number(b) : (a as number) < (b as number)) : bail()),
  "<=": (a, b) => (comparable(a, b) ? (mixed(a, b) ? Number(a) <= Number(b) : (a as number) <= (b as number)) : bail()),
  ">": (a, b) => (comparable(a, b) ? (mixed(a, b) ? Number(a) > Number(b) : (a as number) > (b as number)) : bail()),
  ">=": (a, b) => (comparable(a, b) ? (mixed(a, b) ? Number(a) >= Number(b) : (a as number) >= (b as number)) : bail()),
  "+": add,
  "-": (a, b) =>
    numeric(
      a,
      b,
      (x, y) => int64(x - y),
      (x, y) => x - y,
    ),
  "*": (a, b) =>
    numeric(
      a,
      b,
      (x, y) => int64(x * y),
      (x, y) => x * y,
    ),
  "/": (a, b) =>
    numeric(
      a,
      b,
      (x, y) => x / nonZero(y),
      (x, y) => x / y,
    ),
  "%": (a, b) => numeric(a, b, (x, y) => x % nonZero(y), remainder),
  in: membership,
};

/** Left operand first, then right, as cel-js evaluates them. */
export function compileBinary(op: string, left: Evaluate, right: Evaluate): Evaluate | undefined {
  const apply = BINARY[op];
  if (apply === undefined) return undefined;
  return (vars) => {
    const a = left(vars);
    return apply(a, right(vars));
  };
}

export function compileUnary(op: string, operand: Evaluate): Evaluate | undefined {
  if (op === "!_") {
    return (vars) => {
      const value = operand(vars);
      return typeof value === "boolean" ? !value : bail();
    };
  }
  if (op === "-_") {
    return (vars) => {
      const value = operand(vars);
      if (typeof value === "number") return -value;
      return typeof value === "bigint" ? -value : bail();
    };
  }
  return undefined;
}

const FAILED = Symbol("failed");

/** CEL's commutative `&&`/`||`: a decisive operand wins even when the other one fails. */
export function compileLogical(op: "&&" | "||", left: Evaluate, right: Evaluate): Evaluate {
  const decisive = op === "||";
  return (vars) => {
    let a: unknown;
    try {
      a = left(vars);
    } catch (signal) {
      // Only a certain error (ABSENT) may be outweighed by the other operand: after an uncertain one
      // (BAIL) the interpreter decides, so the value and the cost charged are the interpreter's.
      if (signal !== ABSENT) throw signal;
      a = FAILED;
    }
    if (a === decisive) return decisive;
    const b = right(vars);
    if (b === decisive) return decisive;
    return a === !decisive && b === !decisive ? !decisive : bail();
  };
}

export function compileTernary(condition: Evaluate, whenTrue: Evaluate, whenFalse: Evaluate): Evaluate {
  return (vars) => {
    const holds = condition(vars);
    if (holds === true) return whenTrue(vars);
    return holds === false ? whenFalse(vars) : bail();
  };
}
