import { afterEach, describe, expect, it, vi } from "vitest";
import type { Filter } from "../../artifact/index.js";
import { compileFilters } from "../../filters/index.js";
import { compileExpression, GENERATE_AFTER } from "../compile.js";
import { stringLiteral } from "./source.js";

/** Text that would run, or break out of a string, if it were ever spliced into source unescaped. */
const HOSTILE = [
  '"); globalThis.pwned = 1; ("',
  "'); globalThis.pwned = 1; ('",
  "`; globalThis.pwned = 1; `",
  "${globalThis.pwned = 1}",
  "\u2028globalThis.pwned = 1\u2029",
  '\\"); globalThis.pwned = 1; //',
  "*/ globalThis.pwned = 1; /*",
  "\n}; globalThis.pwned = 1; {\n",
  "\ud800 lone surrogate",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "x".repeat(20_000),
];

const pwned = () => (globalThis as Record<string, unknown>).pwned;

afterEach(() => {
  expect(pwned()).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.keys(Object.prototype)).toEqual([]);
});

describe("stringLiteral", () => {
  it.each(HOSTILE.map((text) => [text.slice(0, 30), text]))("%j reads back as itself", (_, text) => {
    const literal = stringLiteral(text);
    expect(new Function(`"use strict"; return ${literal};`)()).toBe(text);
  });

  it("refuses what is not a string", () => {
    expect(() => stringLiteral(1 as unknown as string)).toThrow();
  });
});

describe("generated expressions with hostile text", () => {
  it.each(HOSTILE.filter((text) => !text.includes("\ud800")).map((text) => [text.slice(0, 30), text]))(
    "the literal %j is a value, never code",
    (_, text) => {
      const source = `concat(record.a, ${JSON.stringify(text)})`;
      const compiled = compileExpression(source, ["record"], { engine: "compiled" });
      expect(compiled({ record: { a: "<" } })).toBe(`<${text}`);
      expect(
        compileExpression(`record.a == ${JSON.stringify(text)}`, ["record"], { engine: "compiled" })({
          record: { a: text },
        }),
      ).toBe(true);
    },
  );

  it.each(["constructor", "toString", "hasOwnProperty", "__proto__"])("record.%s reads own fields only", (name) => {
    const source = `default(record.${name}, "none")`;
    const compiled = compileExpression(source, ["record"], { engine: "compiled" });
    expect(compiled({ record: {} })).toBe("none");
    // An own `constructor` key makes cel-js refuse the record: the generated code must agree.
    const own = JSON.parse(`{${JSON.stringify(name)}: "mine"}`) as Record<string, unknown>;
    const interpreted = compileExpression(source, ["record"], { engine: "interpreter" });
    const outcome = (run: () => unknown) => {
      try {
        return run();
      } catch (error) {
        return String(error);
      }
    };
    expect(outcome(() => compiled({ record: own }))).toBe(outcome(() => interpreted({ record: own })));
    if (name !== "constructor") expect(compiled({ record: own })).toBe("mine");
  });
});

describe("generated map filters with hostile names", () => {
  const names = HOSTILE.filter((text) => !/[.[]/.test(text));

  it("targets and sources with hostile names are plain keys", () => {
    const filters: Filter[] = [
      { type: "map", keepUnmapped: false, fields: names.map((name, i) => ({ target: name, from: `f${i}` })) },
      {
        type: "map",
        keepUnmapped: true,
        fields: names.map((name, i) => ({ target: `g${i}`, from: name })),
      },
    ];
    const record = Object.fromEntries(names.map((_, i) => [`f${i}`, i]));
    const [out] = compileFilters(filters)(record, 0);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out!)).toEqual(names.map((_, i) => `g${i}`));
    expect(Object.values(out!)).toEqual(names.map((_, i) => i));
  });

  it("a __proto__ target is an own field, and Object.prototype stays clean", () => {
    const filters: Filter[] = [
      {
        type: "map",
        keepUnmapped: false,
        fields: [
          { target: "__proto__", value: { polluted: "yes" } },
          { target: "constructor", expr: '"c"' },
          { target: "toString", from: "a" },
        ],
      },
    ];
    const [out] = compileFilters(filters)({ a: 1 }, 0);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ polluted: "yes" });
    expect(out).toMatchObject({ constructor: "c", toString: 1 });
  });

  it("a from path never reaches a prototype", () => {
    const filters: Filter[] = [
      {
        type: "map",
        keepUnmapped: false,
        fields: ["constructor", "__proto__", "toString", "a.constructor", "a.__proto__"].map((from, i) => ({
          target: `t${i}`,
          from,
          default: "absent",
        })),
      },
    ];
    const [out] = compileFilters(filters)({ a: {} }, 0);
    expect(Object.values(out!)).toEqual(["absent", "absent", "absent", "absent", "absent"]);
  });
});

describe("own fields only, without Object.hasOwn per read (source.ts ownRead)", () => {
  const filters: Filter[] = [
    // then/else left out: "keep" and "drop", the schema's defaults.
    { type: "condition", if: 'default(record.k, "none") != "skip"' } as Filter,
    {
      type: "map",
      keepUnmapped: false,
      fields: [
        { target: "from", from: "k", default: "absent" },
        { target: "nested", from: "a.k", default: "absent" },
        { target: "expr", expr: 'default(record.k, "none")' },
      ],
    },
  ];

  it("a key written on Object.prototype after the code ran is still not a record's field", () => {
    const chain = compileFilters(filters);
    // Enough records for the generated code to be made and optimised with the key absent everywhere.
    for (let i = 0; i < 20_000; i++) chain({ k: `v${i}`, a: { k: i } }, i);
    expect(chain({ a: {} }, 0)).toEqual([{ from: "absent", nested: "absent", expr: "none" }]);
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.k = "polluted";
    try {
      expect(chain({ a: {} }, 0)).toEqual([{ from: "absent", nested: "absent", expr: "none" }]);
      expect(chain({ k: "own", a: { k: 1 } }, 0)).toEqual([{ from: "own", nested: 1, expr: "own" }]);
    } finally {
      delete prototype.k;
    }
  });

  it("reads a field of an object with another prototype only when it is its own", () => {
    const chain = compileFilters(filters);
    const inherits = Object.create({ k: "inherited" }) as Record<string, unknown>;
    inherits.a = Object.create({ k: "inherited" });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: "own", a: { k: 2 } });
    for (let i = 0; i < 2_000; i++) {
      expect(chain({ k: "plain", a: { k: i } }, i)).toEqual([{ from: "plain", nested: i, expr: "plain" }]);
      expect(chain(inherits, i)).toEqual([{ from: "absent", nested: "absent", expr: "none" }]);
      expect(chain(bare, i)).toEqual([{ from: "own", nested: 2, expr: "own" }]);
    }
  });
});

describe("without code generation (--disallow-code-generation-from-strings)", () => {
  it("expressions and map filters run as closures", () => {
    let refused = 0;
    vi.stubGlobal("Function", function disallowed() {
      refused++;
      throw new EvalError("Code generation from strings disallowed for this context");
    });
    try {
      const compiled = compileExpression('concat(record.a, "!")', ["record"], { engine: "compiled" });
      expect(compiled({ record: { a: "hi" } })).toBe("hi!");
      const filters: Filter[] = [{ type: "map", keepUnmapped: false, fields: [{ target: "b", expr: "record.a" }] }];
      const chain = compileFilters(filters);
      // The field's expression asks for its JavaScript once it has run GENERATE_AFTER times.
      for (let i = 0; i <= GENERATE_AFTER; i++) expect(chain({ a: i }, i)).toEqual([{ b: i }]);
      expect(refused).toBe(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
