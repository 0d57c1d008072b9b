import type { ASTNode } from "@marcbachmann/cel-js";
import { Duration } from "@marcbachmann/cel-js/evaluator";
import type { Evaluator, NodeEvaluate } from "./instrument.js";
import { epochNanos, fromEpochNanos, nanosOf, subMillisOf, withNanos } from "./nanos.js";

interface Binary {
  left: ASTNode;
  right: ASTNode;
  handle: (a: unknown, b: unknown, node: ASTNode, ev: Evaluator) => unknown;
}

const isDuration = (value: unknown): value is Duration => value instanceof Duration;
const durationNanos = (d: Duration): bigint => d.seconds * 1_000_000_000n + BigInt(d.nanos);

function toDuration(nanos: bigint): Duration {
  const seconds = nanos / 1_000_000_000n;
  return new Duration(seconds, Number(nanos - seconds * 1_000_000_000n));
}

const ORDER: Record<string, (sign: number) => boolean> = {
  "<": (s) => s < 0,
  "<=": (s) => s <= 0,
  ">": (s) => s > 0,
  ">=": (s) => s >= 0,
  "==": (s) => s === 0,
  "!=": (s) => s !== 0,
};

/**
 * Binary operators on timestamps with their nanoseconds, and an int against a double ordered as
 * two doubles (CEL's rule; cel-js compares them exactly). Every other pair is cel-js's.
 */
function exact(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof Date) {
    if (b instanceof Date) {
      if (op === "-") return toDuration(epochNanos(a) - epochNanos(b));
      const order = ORDER[op];
      const diff = epochNanos(a) - epochNanos(b);
      return order === undefined ? undefined : order(diff < 0n ? -1 : diff > 0n ? 1 : 0);
    }
    if (isDuration(b) && (op === "+" || op === "-")) {
      const shift = durationNanos(b);
      return fromEpochNanos(epochNanos(a) + (op === "+" ? shift : -shift));
    }
  }
  if (op === "+" && isDuration(a) && b instanceof Date) return fromEpochNanos(epochNanos(b) + durationNanos(a));
  const mixed = (typeof a === "bigint" && typeof b === "number") || (typeof a === "number" && typeof b === "bigint");
  if (mixed && op !== "==" && op !== "!=" && Object.hasOwn(ORDER, op)) {
    const x = Number(a);
    const y = Number(b);
    return ORDER[op]!(x < y ? -1 : x > y ? 1 : 0);
  }
  return undefined;
}

export function binaryOperator(node: ASTNode, base: NodeEvaluate): NodeEvaluate | undefined {
  if (!Object.hasOwn(ORDER, node.op) && node.op !== "+" && node.op !== "-") return undefined;
  if (!Array.isArray(node.args) || node.args.length !== 2) return undefined;
  return (ev, n, ctx) => {
    const binary = n as unknown as Binary;
    if (binary.left === undefined || typeof binary.handle !== "function") return base(ev, n, ctx);
    const a = ev.run(binary.left, ctx);
    const b = ev.run(binary.right, ctx);
    const found = exact(n.op, a, b);
    return found !== undefined ? found : binary.handle(a, b, n, ev);
  };
}

/** `timestamp("…123456789Z")`: cel-js reads milliseconds; the digits below are kept beside the Date. */
export function timestampCall(node: ASTNode, base: NodeEvaluate): NodeEvaluate | undefined {
  const [name, args] = node.args as unknown as [string, ASTNode[]];
  if (name !== "timestamp" || args?.length !== 1) return undefined;
  return (ev, n, ctx) => {
    const result = base(ev, n, ctx);
    if (!(result instanceof Date) || nanosOf(result) !== 0) return result;
    const text = ev.run(args[0]!, ctx);
    return typeof text === "string" ? withNanos(result, subMillisOf(text)) : result;
  };
}
