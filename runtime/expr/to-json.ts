import { Optional } from "@marcbachmann/cel-js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { isoString } from "./interpreter/nanos.js";
import { MAX_RESULT_VALUES, MAX_STRING_LENGTH } from "./limits.js";

/**
 * CEL values back to plain JSON: ints (BigInt) become numbers when safe (else stay BigInt), maps become plain
 * objects, timestamps ISO-8601 UTC strings, bytes base64, durations "90s". Always a fresh copy,
 * so a result never shares mutable state with the input record. A value budget bounds the walk:
 * nested binds can build a list that references itself 2^n times.
 */
export function toJsonValue(value: unknown, source: string): unknown {
  switch (typeof value) {
    case "string":
      return value.length > MAX_STRING_LENGTH ? tooLong(source) : value;
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : fail(source, `result ${value} is not a finite number`);
    case "bigint":
      // Beyond 2^53 the BigInt itself: json/stringify.ts writes its digits exactly.
      return Number.isSafeInteger(Number(value)) ? Number(value) : value;
    default:
      return new JsonConverter(source).convert(value);
  }
}

class JsonConverter {
  private budget = MAX_RESULT_VALUES;

  constructor(private readonly source: string) {}

  convert(value: unknown): unknown {
    if (--this.budget < 0) fail(this.source, `result holds more than ${MAX_RESULT_VALUES} values`);
    switch (typeof value) {
      case "string":
        return value.length > MAX_STRING_LENGTH ? tooLong(this.source) : value;
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) ? value : fail(this.source, `result ${value} is not a finite number`);
      case "bigint":
        return Number.isSafeInteger(Number(value)) ? Number(value) : value;
      case "undefined":
        return null;
      case "object":
        return this.convertObject(value);
      default:
        return fail(this.source, `result of type ${typeof value} has no JSON form`);
    }
  }

  private convertObject(value: object | null): unknown {
    if (value === null) return null;
    if (Array.isArray(value) || value instanceof Set) return Array.from(value, (item) => this.convert(item));
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? fail(this.source, "result is an invalid timestamp") : isoString(value);
    }
    if (value instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of value) {
        const name = String(key);
        // `{1: "a", "1": "b"}` is two entries in CEL but would be one JSON key: refuse, never merge.
        if (Object.hasOwn(out, name)) fail(this.source, `result map has two keys written ${JSON.stringify(name)}`);
        defineField(out, name, this.convert(item));
      }
      return out;
    }
    if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
    if (value instanceof Optional) return value.hasValue() ? this.convert(value.value()) : null;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        defineField(out, key, this.convert((value as Record<string, unknown>)[key]));
      }
      return out;
    }
    // uint holds a BigInt; duration and type values print as CEL prints them.
    const primitive: unknown = value.valueOf();
    return typeof primitive === "bigint" ? this.convert(primitive) : String(value);
  }
}

/** Assignment would treat a "__proto__" key as the prototype setter; define it as a plain field. */
export function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function tooLong(source: string): never {
  return fail(source, `result string longer than ${MAX_STRING_LENGTH} characters`);
}

function fail(source: string, message: string): never {
  throw new CannectorsError(ErrorCodes.EVALUATION, `expression ${JSON.stringify(source)}: ${message}`, {
    details: { expression: source },
  });
}
