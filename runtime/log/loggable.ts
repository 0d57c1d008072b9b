import { describeError } from "../errors/index.js";

/**
 * A JSON-safe copy of a field value. Errors become `{ message, code }`: the message carries the
 * cause chain, and the stack is dropped because stack frames and error props can hold secrets
 * that the redactor never saw in that shape.
 */
export function toLoggable(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "symbol":
    case "function":
      return String(value);
  }
  if (value instanceof Error) return errorFields(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof URL) return value.toString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (typeof value !== "object") return String(value);
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => toLoggable(item, seen));
    if (value instanceof Map) return toLoggable(Object.fromEntries(value), seen);
    if (value instanceof Set) return toLoggable([...value], seen);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toLoggable(item, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function errorFields(error: Error): { message: string; code?: string } {
  const code = (error as { code?: unknown }).code;
  const message = describeError(error);
  return typeof code === "string" ? { message, code } : { message };
}
