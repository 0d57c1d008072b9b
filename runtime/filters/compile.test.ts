import { describe, expect, it } from "vitest";
import type { Filter } from "../artifact/index.js";
import { CannectorsError } from "../errors/index.js";
import { compileFilters } from "./index.js";

type Branch = "keep" | "drop" | Filter[];

/** A condition filter; the artifact names its branch `then`, which biome flags in object literals. */
function condition(test: string, whenTrue: Branch, whenFalse: Branch): Filter {
  // biome-ignore lint/suspicious/noThenProperty: the artifact schema names this branch "then"
  return { type: "condition", if: test, then: whenTrue, else: whenFalse };
}

interface Case {
  name: string;
  filters: Filter[];
  given: Record<string, unknown>;
  want: Record<string, unknown>[];
}

const customer = {
  id: 7,
  first: "Ada",
  last: "Lovelace",
  age: 36,
  address: { city: "London", zip: "W1" },
  lines: [
    { sku: "a", qty: 2, price: "1.50" },
    { sku: "b", qty: 1, price: "10.00" },
  ],
};

const cases: Case[] = [
  {
    name: "map: from, expr, value, nested targets; unmapped fields dropped",
    filters: [
      {
        type: "map",
        keepUnmapped: false,
        fields: [
          { target: "client_id", from: "id" },
          { target: "full_name", expr: 'concat(record.first, " ", record.last)' },
          { target: "location.city", from: "address.city" },
          { target: "location.country", value: "GB" },
          { target: "source", value: { system: "crm", tags: ["a"] } },
        ],
      },
    ],
    given: customer,
    want: [
      {
        client_id: 7,
        full_name: "Ada Lovelace",
        location: { city: "London", country: "GB" },
        source: { system: "crm", tags: ["a"] },
      },
    ],
  },
  {
    name: "map: absent from is omitted, or takes the default; null takes the default",
    filters: [
      {
        type: "map",
        keepUnmapped: false,
        fields: [
          { target: "phone", from: "contact.phone" },
          { target: "email", from: "contact.email", default: "none" },
          { target: "note", from: "note", default: "" },
          { target: "kept_null", from: "note" },
        ],
      },
    ],
    given: { note: null },
    want: [{ email: "none", note: "", kept_null: null }],
  },
  {
    name: "map: keepUnmapped copies the fields no entry mentions",
    filters: [
      {
        type: "map",
        keepUnmapped: true,
        fields: [
          { target: "name", from: "first" },
          { target: "age", expr: "record.age + 1" },
        ],
      },
    ],
    given: { first: "Ada", age: 36, id: 7, extra: { x: 1 } },
    want: [{ name: "Ada", age: 37, id: 7, extra: { x: 1 } }],
  },
  {
    name: "map: each maps every element; root is the top record",
    filters: [
      {
        type: "map",
        keepUnmapped: false,
        fields: [
          {
            target: "items",
            from: "lines",
            each: [
              { target: "code", from: "sku" },
              { target: "cents", expr: "toCents(record.price) * record.qty" },
              { target: "customer", expr: "root.id" },
            ],
          },
          { target: "first_sku", from: "lines[0].sku" },
        ],
      },
    ],
    given: customer,
    want: [
      {
        items: [
          { code: "a", cents: 300, customer: 7 },
          { code: "b", cents: 1000, customer: 7 },
        ],
        first_sku: "a",
      },
    ],
  },
  {
    name: "compute: adds and overwrites on a copy; later fields see earlier ones",
    filters: [
      {
        type: "compute",
        fields: [
          { target: "total", expr: "record.qty * record.price" },
          { target: "total_cents", expr: "toCents(record.total)" },
          { target: "qty", expr: "record.qty + 1" },
          { target: "meta.checked", expr: "true" },
        ],
      },
    ],
    given: { qty: 3, price: 2.5, meta: { source: "x" } },
    want: [{ qty: 4, price: 2.5, total: 7.5, total_cents: 750, meta: { source: "x", checked: true } }],
  },
  {
    name: "condition: keep / drop",
    filters: [condition("record.age >= 18", "keep", "drop")],
    given: { age: 12 },
    want: [],
  },
  {
    name: "condition: else branch runs nested filters, then the next filter",
    filters: [
      condition("record.age >= 18", "keep", [
        { type: "compute", fields: [{ target: "minor", expr: "true" }] },
        condition("record.age < 5", "drop", "keep"),
      ]),
      { type: "compute", fields: [{ target: "seen", expr: "true" }] },
    ],
    given: { age: 12 },
    want: [{ age: 12, minor: true, seen: true }],
  },
  {
    name: "condition: nested else drops",
    filters: [condition("record.age >= 18", "keep", [condition("record.age < 5", "drop", "keep")])],
    given: { age: 3 },
    want: [],
  },
  { name: "no filters pass the record through", filters: [], given: { a: 1 }, want: [{ a: 1 }] },
];

describe("compileFilters", () => {
  it.each(cases)("$name", ({ filters, given, want }) => {
    const before = structuredClone(given);
    expect(compileFilters(filters)(given, 0)).toEqual(want);
    expect(given).toEqual(before);
  });

  it("gives every record its own copy of a constant", () => {
    const run = compileFilters([{ type: "map", keepUnmapped: false, fields: [{ target: "tags", value: ["x"] }] }]);
    const first = run({}, 0)[0] as { tags: string[] };
    first.tags.push("mutated");
    expect(run({}, 1)).toEqual([{ tags: ["x"] }]);
  });

  it("evaluates many records with one compiled list", () => {
    const run = compileFilters([
      condition("record.n % 2 == 0", "keep", "drop"),
      { type: "map", keepUnmapped: false, fields: [{ target: "half", expr: "record.n / 2" }] },
    ]);
    const out = Array.from({ length: 1000 }, (_, n) => run({ n }, n)).flat();
    expect(out).toHaveLength(500);
    expect(out[499]).toEqual({ half: 499 });
  });
});

describe("compileFilters errors name the record and the module", () => {
  it.each([
    {
      name: "map expression",
      filters: [
        { type: "compute", fields: [{ target: "x", expr: "1" }] },
        {
          type: "map",
          keepUnmapped: false,
          fields: [
            { target: "a", from: "a" },
            { target: "b", from: "b" },
            { target: "full_name", expr: "record.first + record.missing" },
          ],
        },
      ] as Filter[],
      message: /^record #42: filters\[1\]\.fields\[2\] \(map → full_name\): expression .*No such key: missing/,
      module: "filters[1].fields[2]",
    },
    {
      name: "non-bool condition",
      filters: [condition("record.first", "keep", "drop")] as Filter[],
      message: /^record #42: filters\[0\]\.if \(condition\): condition must evaluate to a bool, got string/,
      module: "filters[0].if",
    },
    {
      name: "nested branch",
      filters: [
        condition("true", [{ type: "compute", fields: [{ target: "c", expr: 'toCents("1.234")' }] }], "drop"),
      ] as Filter[],
      message: /^record #42: filters\[0\]\.then\[0\]\.fields\[0\] \(compute → c\): .*more than 2 decimals/,
      module: "filters[0].then[0].fields[0]",
    },
    {
      name: "each element",
      filters: [
        {
          type: "map",
          keepUnmapped: false,
          fields: [{ target: "items", from: "lines", each: [{ target: "p", expr: "parseInt(record.sku)" }] }],
        },
      ] as Filter[],
      message: /^record #42: filters\[0\]\.fields\[0\]\.each\[0\] \(map → items\[\]\.p\): .*"x" is not an integer/,
      module: "filters[0].fields[0].each[0]",
    },
    {
      name: "each over a non-array",
      filters: [
        {
          type: "map",
          keepUnmapped: false,
          fields: [{ target: "items", from: "first", each: [{ target: "p", from: "x" }] }],
        },
      ] as Filter[],
      message: /^record #42: filters\[0\]\.fields\[0\] \(map → items\): each: "first" is a string, not an array/,
      module: "filters[0].fields[0]",
    },
  ])("$name", ({ filters, message, module }) => {
    const run = compileFilters(filters);
    let caught: unknown;
    try {
      run({ first: "Ada", lines: [{ sku: "x" }] }, 42);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CannectorsError);
    const error = caught as CannectorsError;
    expect(error.code).toBe("CANNECTORS_E_EVALUATION");
    expect(error.message).toMatch(message);
    expect(error.details).toEqual({ seq: 42, module });
    expect(error.cause).toBeDefined();
  });

  it("refuses to compile an invalid expression, naming the module", () => {
    expect(() => compileFilters([condition("record.a >", "keep", "drop")])).toThrowError(
      /^filters\[0\]\.if \(condition\): invalid expression/,
    );
  });
});

describe("prototype pollution", () => {
  it.each(["__proto__.polluted", "constructor.prototype.polluted", "a.__proto__.polluted", "__proto__"])(
    "target %s stays an own field of the output",
    (target) => {
      const run = compileFilters([
        { type: "map", keepUnmapped: true, fields: [{ target, value: "yes" }] },
        { type: "compute", fields: [{ target: `${target}2`, expr: '"yes"' }] },
      ]);
      const parsed = JSON.parse('{"__proto__": {"polluted": "no"}, "other": 1}') as Record<string, unknown>;
      const [out] = run(parsed, 0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("polluted");
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(out))).toBeTypeOf("object");
      expect(Object.keys(out ?? {})).toContain(target.split(".")[0]);
    },
  );

  it("from paths read own fields only", () => {
    const run = compileFilters([
      { type: "map", keepUnmapped: false, fields: [{ target: "c", from: "constructor", default: "absent" }] },
    ]);
    expect(run({}, 0)).toEqual([{ c: "absent" }]);
  });
});
