import type { JsonRecord } from "../../engine/modules.js";
import { describeError } from "../../errors/index.js";
import { compileExpression } from "../../expr/index.js";
import { stringifyJson } from "../../json/index.js";

export type RecordKey = { ok: true; key: string } | { ok: false; reason: string };

/**
 * Compiles the idempotency key expression once (an invalid one throws EXPRESSION at module
 * creation); the returned function gives each record's key text, or why it has none.
 */
export function compileRecordKey(source: string): (record: JsonRecord) => RecordKey {
  const evaluate = compileExpression(source, ["record"]);
  return (record) => {
    let value: unknown;
    try {
      value = evaluate({ record });
    } catch (error) {
      return { ok: false, reason: `idempotency key: ${describeError(error)}` };
    }
    const key = keyText(value);
    if (key === undefined) {
      return {
        ok: false,
        reason: `idempotency key expression \`${source}\` gave no usable value (${describeValue(value)})`,
      };
    }
    return { ok: true, key };
  };
}

function keyText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined || typeof value !== "object") return undefined;
  return stringifyJson(value);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === "") return "an empty string";
  return typeof value;
}
