import { type ASTNode, EvaluationError } from "@marcbachmann/cel-js";
import type { Evaluator, NodeEvaluate } from "./instrument.js";

/** Keys a plain object cannot hold as data without side effects on how cel-js types it. */
const SPECIAL_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * A map literal as CEL defines it: keys are strings, ints or bools; a repeated key is an error;
 * `1` and `"1"` are two keys. cel-js builds a plain object, which drops `__proto__`,
 * `constructor` and `prototype`, merges `1` with `"1"` and keeps the last of repeated keys. A
 * literal with string keys only stays a plain object (what the library and the compiled engines
 * expect); any other becomes a Map, which cel-js reads as a map too.
 */
export const mapLiteral =
  (base: NodeEvaluate): NodeEvaluate =>
  (ev, node, ctx) =>
    evaluateMapLiteral(ev, node, ctx) ?? base(ev, node, ctx);

/** Undefined for a literal with uint keys, which stays cel-js's (uint has no JSON form). */
function evaluateMapLiteral(ev: Evaluator, node: ASTNode, ctx: unknown): unknown {
  const entries = node.args as unknown as [ASTNode, ASTNode][];
  const out = new Map<unknown, unknown>();
  let plain = true;
  for (const [keyNode, valueNode] of entries) {
    const key = ev.run(keyNode, ctx);
    const value = ev.run(valueNode, ctx);
    if (typeof key === "string") {
      if (SPECIAL_KEYS.has(key)) plain = false;
    } else if (typeof key === "bigint" || typeof key === "boolean") {
      plain = false;
    } else if (key?.constructor?.name === "UnsignedInt") {
      return undefined;
    } else {
      throw new EvaluationError({
        code: "invalid_map_key",
        message: "map keys must be strings, ints or bools",
        node: keyNode,
      } as never);
    }
    if (out.has(key)) {
      throw new EvaluationError({
        code: "repeated_key",
        message: `repeated map key ${String(key)}`,
        node: keyNode,
      } as never);
    }
    out.set(key, value);
  }
  if (!plain) return out;
  const object: Record<string, unknown> = {};
  for (const [key, value] of out) object[key as string] = value;
  return object;
}
