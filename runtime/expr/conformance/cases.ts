import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseTextProto, type TextMessage, type TextValue } from "./textproto.js";

/** The core files of the conformance suite; the extension files test libraries we do not offer. */
export const CORE_FILES = [
  "basic",
  "comparisons",
  "conversions",
  "fields",
  "fp_math",
  "integer_math",
  "lists",
  "logic",
  "macros",
  "parse",
  "plumbing",
  "string",
  "timestamps",
  "type_deduction",
] as const;

export type Expected = { value: unknown } | { error: true };

/** One test of the suite, in our terms: variables are record-model JSON values (ints as BigInt). */
export interface ConformanceCase {
  id: string;
  expr: string;
  vars: Record<string, unknown>;
  expected: Expected;
}

/** Expressions that build protocol-buffer messages (wrappers, TestAllTypes): no JSON record form. */
const PROTO_MESSAGES = /google\.protobuf\.|TestAllTypes|cel\.expr\./;

/** A value with no JSON record form (uint, bytes, type, proto message, enum, non-finite double). */
class NoJsonForm extends Error {}

export function loadCases(dir: string): { cases: ConformanceCase[]; skipped: number } {
  const cases: ConformanceCase[] = [];
  let skipped = 0;
  const present = new Set(readdirSync(dir));
  for (const file of CORE_FILES) {
    if (!present.has(`${file}.textproto`)) throw new Error(`${dir} has no ${file}.textproto`);
    const parsed = parseTextProto(readFileSync(path.join(dir, `${file}.textproto`), "utf8"));
    for (const section of messages(parsed.section)) {
      for (const test of messages(section.test)) {
        const id = `${file}/${one(section.name)}/${one(test.name)}`;
        const found = toCase(id, test);
        if (found === undefined) skipped++;
        else cases.push(found);
      }
    }
  }
  return { cases, skipped };
}

function toCase(id: string, test: TextMessage): ConformanceCase | undefined {
  if (test.check_only?.[0] === true || test.container !== undefined) return undefined;
  const expr = String(one(test.expr));
  if (PROTO_MESSAGES.test(expr)) return undefined;
  try {
    const vars: Record<string, unknown> = {};
    for (const binding of messages(test.bindings)) {
      const value = messages(binding.value)[0]!;
      vars[String(one(binding.key))] = toJson(messages(value.value)[0]!, false);
    }
    return { id, expr, vars, expected: expected(test) };
  } catch (error) {
    if (error instanceof NoJsonForm) return undefined;
    throw error;
  }
}

function expected(test: TextMessage): Expected {
  if (test.eval_error !== undefined) return { error: true };
  const typed = messages(test.typed_result)[0];
  const value = messages(typed?.result ?? test.value)[0];
  return { value: value === undefined ? true : toJson(value, true) };
}

/** A conformance `Value` as a record-model value; `result` asks for the JSON form our engines return. */
function toJson(value: TextMessage, result: boolean): unknown {
  const [kind] = Object.keys(value);
  const payload = value[kind!]?.[0];
  switch (kind) {
    case "null_value":
      return null;
    case "bool_value":
    case "string_value":
      return payload;
    case "int64_value": {
      const int = BigInt(payload as bigint);
      if (!result) return int;
      if (!Number.isSafeInteger(Number(int))) throw new NoJsonForm();
      return Number(int);
    }
    case "double_value": {
      const double = Number(payload);
      if (!Number.isFinite(double)) throw new NoJsonForm();
      return double;
    }
    case "list_value":
      return messages((payload as TextMessage).values).map((item) => toJson(item, result));
    case "map_value": {
      const out: Record<string, unknown> = {};
      for (const entry of messages((payload as TextMessage).entries)) {
        const key = messages(entry.key)[0]!;
        if (Object.keys(key)[0] !== "string_value") throw new NoJsonForm();
        Object.defineProperty(out, String(one(key.string_value)), {
          value: toJson(messages(entry.value)[0]!, result),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    default:
      throw new NoJsonForm();
  }
}

function messages(values: TextValue[] | undefined): TextMessage[] {
  return (values ?? []).filter((v): v is TextMessage => typeof v === "object");
}

function one(values: TextValue[] | undefined): TextValue | undefined {
  return values?.[0];
}
