import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression } from "./compile.js";

const ENGINES = ["interpreter", "closures", "compiled"] as const;

/** Names that mean something to JavaScript objects, and any other string. */
const keyName = fc.oneof(
  fc.constantFrom(
    "constructor",
    "__proto__",
    "prototype",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "then",
    "length",
    "",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
);
/** A record as the input reads it: parsed JSON, so `__proto__` is an own key like any other. */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

const celString = (text: string) => JSON.stringify(text);

function evaluate(engine: (typeof ENGINES)[number], source: string, record: unknown): unknown {
  return compileExpression(source, ["record"], { engine })({ record });
}

describe("records with any key names work in all three engines", () => {
  it("a record holding any key (constructor, __proto__...) reads that key and every other", () => {
    fc.assert(
      fc.property(keyName, jsonValue, jsonValue, (key, value, other) => {
        fc.pre(key !== "other");
        const record = JSON.parse(`{${celString(key)}: ${JSON.stringify(value)}, "other": ${JSON.stringify(other)}}`);
        for (const engine of ENGINES) {
          expect(evaluate(engine, `record[${celString(key)}]`, record)).toEqual(value);
          expect(evaluate(engine, "record.other", record)).toEqual(other);
          expect(evaluate(engine, `${celString(key)} in record`, record)).toBe(true);
          expect(evaluate(engine, "has(record.other)", record)).toBe(true);
          expect(evaluate(engine, "record", record)).toEqual(record);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a map literal keeps any key, constructor, __proto__ and prototype included", () => {
    fc.assert(
      fc.property(keyName, fc.integer(), (key, n) => {
        fc.pre(key !== "x");
        for (const engine of ENGINES) {
          const out = evaluate(engine, `{${celString(key)}: ${n}, "x": record.x}`, { x: true });
          expect(Object.keys(out as object).sort()).toEqual([key, "x"].sort());
          expect(Object.getOwnPropertyDescriptor(out, key)?.value).toBe(n);
          expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("int and string keys stay apart; a repeated key and a result JSON cannot hold are errors", () => {
    for (const engine of ENGINES) {
      expect(evaluate(engine, '{1: "int", "1": "string"}[1]', {})).toBe("int");
      expect(evaluate(engine, '{1: "int", "1": "string"}["1"]', {})).toBe("string");
      expect(() => evaluate(engine, '{1: "int", "1": "string"}', {})).toThrow(/two keys written "1"/);
      expect(() => evaluate(engine, '{"a": 1, "a": 2}', {})).toThrow(/repeated map key a/);
      expect(() => evaluate(engine, "{1.5: 1}", {})).toThrow(/map keys must be strings, ints or bools/);
    }
  });
});
