import { type ASTNode, EvaluationError } from "@marcbachmann/cel-js";
import { Duration } from "@marcbachmann/cel-js/evaluator";

const MAX_INT = 9223372036854775807n;
const MIN_INT = -9223372036854775808n;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, the range of a CEL timestamp. */
const MIN_TIME = -62135596800000;
const MAX_TIME = 253402300799999;
/** A CEL duration is an int64 count of nanoseconds (about ±292 years). */
const MAX_DURATION_NANOS = 9223372036854775807n;

/**
 * CEL makes these errors; cel-js answers them (`-(-9223372036854775808)` is 2^63, `int(1e20)`
 * 10^20, a timestamp past year 9999 prints `+010000-…`). Checking every node's result covers
 * every operator and function at once, ours included.
 */
export function guardResult(value: unknown, node: ASTNode): unknown {
  const kind = typeof value;
  if (kind !== "bigint" && (kind !== "object" || value === null || Array.isArray(value))) return value;
  if (typeof value === "bigint") {
    if (value > MAX_INT || value < MIN_INT) throw failure("int64 overflow", node);
  } else if (value instanceof Date) {
    const time = value.getTime();
    if (!(time >= MIN_TIME && time <= MAX_TIME)) throw failure("timestamp out of range", node);
  } else if (isDuration(value)) {
    const nanos = value.seconds * 1_000_000_000n + BigInt(value.nanos);
    if (nanos > MAX_DURATION_NANOS || nanos < -MAX_DURATION_NANOS) throw failure("duration out of range", node);
  }
  return value;
}

function isDuration(value: unknown): value is Duration {
  return value instanceof Duration;
}

function failure(message: string, node: ASTNode): EvaluationError {
  return new EvaluationError({ code: "overflow", message, node } as never);
}
