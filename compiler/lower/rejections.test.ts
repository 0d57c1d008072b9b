import { describe, expect, it } from "vitest";
import { RECORD_TYPE, located, lowerIn } from "./test-support.js";

const PRELUDE = `import { cel, cents, lookup, secret, todo } from "cannectors";
import { helper } from "./elsewhere.js";
let suffix = "x";
var legacy = 1;
const NOW = Date.now();
const LIST = [1, 2] as const;
function local() { return 1; }
`;

/** `offending` is the text the diagnostic must point at: its first occurrence inside the lambda. */
const cases: { given: string; offending: string; message: string; role?: "map" | "compute" | "condition" }[] = [
  {
    given: "(c: R) => { const x = c.a; return x; }",
    offending: "const x",
    message: "local variables are not supported",
  },
  {
    given: "(c: R) => { for (const t of c.tags) {} return 1; }",
    offending: "for (",
    message: "loops are not supported",
  },
  {
    given: "(c: R) => { if (c.ok) return 1; return 2; }",
    offending: "if (",
    message: "if statements are not supported",
  },
  { given: "(c: R) => { return 1; return 2; }", offending: "return 2", message: "only one return is allowed" },
  { given: "(c: R) => { c.a; }", offending: "c.a;", message: "statements other than a single return" },
  { given: '(c: R) => (c.a = "x")', offending: 'c.a = "x"', message: "assignments (=) are not supported" },
  { given: "(c: R) => (c.n += 1)", offending: "c.n += 1", message: "assignments (+=) are not supported" },
  { given: "(c: R) => c.n++", offending: "c.n++", message: "assignments (++, --) are not supported" },
  { given: "(c: R) => ++c.n", offending: "++c.n", message: "assignments (++, --) are not supported" },
  {
    given: "(c: R) => c.n > Date.now()",
    offending: "Date.now",
    message: "Date.now() is not supported; the runtime has no clock",
  },
  { given: "(c: R) => Math.random() > 0.5", offending: "Math.random", message: "Math.random() is not supported" },
  { given: "(c: R) => new Date(c.created)", offending: "new Date", message: "`new` is not supported" },
  {
    given: '(c: R) => fetch("http://x")',
    offending: "fetch",
    message: "calls to fetch() are not supported; the runtime has no clock",
  },
  { given: "(c: R) => JSON.stringify(c)", offending: "JSON.stringify", message: "JSON.stringify() is not supported" },
  { given: "(c: R) => local()", offending: "local", message: "calls to local() are not supported" },
  { given: "(c: R) => helper(c.a)", offending: "helper", message: "calls to helper() are not supported" },
  { given: "(c: R) => c.a.replace('a', 'b')", offending: "replace", message: ".replace() is not supported" },
  { given: "function (this: unknown, c: R) { return this; }", offending: "this;", message: "`this` is not supported" },
  { given: "async (c: R) => await c.a", offending: "async", message: "async lambdas are not supported" },
  {
    given: "(c: R) => c.a === suffix",
    offending: "suffix",
    message: "suffix is a let variable, captured by the lambda",
  },
  { given: "(c: R) => c.n === legacy", offending: "legacy", message: "legacy is a var variable" },
  {
    given: "(c: R) => c.n > NOW",
    offending: "NOW",
    message: "NOW cannot be folded into the artifact: it is not a literal",
  },
  { given: "(c: R) => c.n > unknownThing", offending: "unknownThing", message: "unknown identifier unknownThing" },
  { given: "(c: R) => c.a === undefined", offending: "undefined", message: "undefined has no JSON form; use null" },
  { given: "(c: R) => c.a === helper", offending: "helper", message: 'helper is imported from "./elsewhere.js"' },
  { given: '(c: R) => secret("X")', offending: "secret", message: "secret cannot be used in a lambda" },
  {
    given: '(c: R) => ({ companyId: todo("companyId") })',
    offending: "todo(",
    message: "decide this field: companyId; map it from the record",
    role: "map",
  },
  { given: "(c: R) => todo(c.a)", offending: "todo(", message: "decide this field: this field" },
  { given: "(c: R) => cents", offending: "cents", message: 'cents is imported from "cannectors"' },
  { given: "(c: R) => cents(c.a, 2)", offending: "cents(", message: "cents takes 1 arguments, got 2" },
  { given: "(c: R) => cel(c.a)", offending: "cel(", message: "cel() takes one string literal" },
  { given: '(c: R) => cel("record.")', offending: '"record."', message: "invalid CEL in cel()" },
  { given: '(c: R) => cel("recrd.a")', offending: '"recrd.a"', message: "invalid CEL in cel()" },
  { given: "(c: R) => /x/.test(c.a)", offending: "/x/", message: "regular expression literals are not supported" },
  { given: "(c: R) => String.raw`x${c.a}`", offending: "String.raw", message: "tagged templates are not supported" },
  { given: "(c: R) => c.a?.trim()", offending: "c.a?.trim()", message: "optional calls (?.) are not supported" },
  { given: "(c: R) => c.tags.map((t) => t)", offending: "map", message: ".map() is not supported" },
  {
    given: '(c: R) => c.a || "x"',
    offending: "c.a ||",
    message: "|| needs booleans, and this operand is a string; use ?? for a default value",
  },
  { given: "(c: R) => c.n ** 2", offending: "c.n ** 2", message: "the operator ** is not supported" },
  { given: '(c: R) => "a" in c', offending: '"a" in c', message: "the `in` operator is not supported" },
  { given: "(c: R) => (c.a, c.s)", offending: "c.a, c.s", message: "the comma operator is not supported" },
  { given: "(c: R) => typeof c.a", offending: "typeof", message: "`typeof` is not supported" },
  { given: "(c: R) => +c.a", offending: "+c.a", message: "the operator + is not supported" },
  {
    given: "(c: any) => c.x + c.y",
    offending: "c.x + c.y",
    message: "cannot tell whether + adds numbers or joins text",
  },
  {
    given: "(c: any) => c.x.includes(1)",
    offending: "c.x.includes(1)",
    message: "cannot tell whether .includes() searches text or a list",
  },
  {
    given: "(c: R) => ({ a: 1 })",
    offending: "{ a: 1 }",
    message: "an object literal is only allowed as a helper argument here",
    role: "condition",
  },
  {
    given: "(c: R) => [...c.tags]",
    offending: "...c.tags",
    message: "spreads and holes in array literals are not supported",
  },
  { given: "(c: R) => LIST[5]", offending: "LIST[5]", message: "the constant has no member" },
  { given: "({ a }: R) => a", offending: "{ a }", message: "destructuring parameters is not supported" },
  {
    given: "(c: R, extra: number) => c.n > extra",
    offending: "extra: number",
    message: "this lambda takes at most 1 parameter(s) (record)",
  },
  { given: "(c: R) => 10n", offending: "10n", message: "bigint literals are not supported" },
  // map-specific
  { given: "(c: R) => c.a", offending: "c.a", message: "a map lambda must return an object literal", role: "map" },
  {
    given: "(c: R) => ({ ...c.addr })",
    offending: "...c.addr",
    message: "only the record parameter itself may be spread",
    role: "map",
  },
  { given: "(c: R) => ({ x: 1, ...c })", offending: "...c", message: "...record must come first", role: "map" },
  { given: "(c: R) => ({ [c.a]: 1 })", offending: "[c.a]", message: "computed keys are not supported", role: "map" },
  { given: '(c: R) => ({ "a.b": 1 })', offending: '"a.b"', message: 'the key "a.b" cannot be a target', role: "map" },
  {
    given: "(c: R) => ({ get x() { return 1; } })",
    offending: "get x",
    message: "methods and accessors are not supported in a map",
    role: "map",
  },
  {
    given: "(c: R) => ({ x: c.items.map((i, n) => ({ n })) })",
    offending: "n) =>",
    message: "the index parameter of .map() is not supported",
    role: "map",
  },
  {
    given: "(c: R) => ({ x: c.items.map((i) => i.sku) })",
    offending: "i.sku) })",
    message: "the .map() callback of a map field must return an object literal",
    role: "map",
  },
  {
    given: "(c: R) => ({ x: c.items.map((i) => ({ p: i.parts.map((p) => ({ q: i.sku })) })) })",
    offending: "i.sku",
    message: "i is an enclosing .map() element",
    role: "map",
  },
  { given: "(c: R) => ({ ...c })", offending: "{ ...c }", message: "a map must set at least one field", role: "map" },
  {
    given: "(c: R) => ({ x: lookup({ [c.a]: 1 }, c.s) })",
    offending: "[c.a]",
    message: "computed keys are not supported",
    role: "map",
  },
];

describe("lowerLambda rejects what CEL cannot express", () => {
  it.each(cases)("$given", ({ given, offending, message, role = "condition" }) => {
    const result = lowerIn(PRELUDE, given, role === "condition" ? "expression" : role);
    expect(result.lowered).toBeUndefined();
    const text = `${RECORD_TYPE}${PRELUDE}\nexport const f = ${given};\n`;
    const offset = text.indexOf(offending, text.lastIndexOf(given));
    const before = text.slice(0, offset).split("\n");
    const where = `${before.length}:${before.at(-1)!.length + 1}`;
    expect(located(result)).toEqual([expect.stringContaining(`${where} ${message}`)]);
    expect(result.diagnostics[0]).toMatchObject({
      code: "CANNECTORS_E_LOWERING",
      severity: "error",
      location: { file: result.file },
    });
  });
});

describe("captures of enclosing functions", () => {
  it.each([
    {
      module: `${RECORD_TYPE}export function make(prefix: string) {\n  return (c: R) => c.a === prefix;\n}\n`,
      lambda: "(c: R) => c.a === prefix",
      want: [
        "8:28 prefix is a parameter of an enclosing function, captured by the lambda; the lambda is lowered once, at build time; use a module-level const or env()",
      ],
    },
    {
      module: `${RECORD_TYPE}export function make() {\n  const limit = 3;\n  return (c: R) => c.n > limit;\n}\n`,
      lambda: "(c: R) => c.n > limit",
      want: [
        "9:26 limit is a local constant; only module-level consts are folded into the artifact; move it to the top of the file",
      ],
    },
  ])("$lambda", ({ module, lambda, want }) => {
    expect(located(lowerIn(module, lambda, "condition"))).toEqual(want);
  });

  it("reports every problem of a lambda, not just the first", () => {
    const result = lowerIn("", "(c: R) => ({ a: Date.now(), b: Math.random(), c: c.a })", "map");
    expect(result.diagnostics.map((d) => [d.path, d.message.split(";")[0]])).toEqual([
      ["fields[0]", "Date.now() is not supported"],
      ["fields[1]", "Math.random() is not supported"],
    ]);
  });

  it("reports a span with no function literal", () => {
    const result = lowerIn("", "(c: R) => c.a", "condition");
    expect(result.lowered).toBeDefined();
    expect(
      located(lowerIn(`${RECORD_TYPE}const x = 1;\nexport const f = (c: R) => c.a;\n`, "const x = 1;", "condition")),
    ).toEqual([expect.stringMatching(/^undefined:undefined no function literal at characters/)]);
  });
});
