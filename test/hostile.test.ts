import { afterEach, describe, expect, it } from "vitest";
import { isCannectorsError } from "../runtime/errors/index.js";
import { compileExpression } from "../runtime/expr/index.js";
import { resolveSecrets } from "../runtime/secrets/index.js";
import { validateArtifact } from "../runtime/validate/index.js";

const MINIMAL = `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: hostile
input:
  type: http
  baseUrl: http://127.0.0.1:4010
  path: /items
  records: items
output:
  type: http
  baseUrl: http://127.0.0.1:4020
  path: /sink
`;

/** Object.prototype must come out of every case exactly as it went in. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((globalThis as Record<string, unknown>).hostile).toBeUndefined();
});

const codesOf = (text: string, env?: Record<string, string | undefined>) =>
  validateArtifact(text, "hostile.yaml", env ? { env } : {}).diagnostics.map((d) => `${d.path} ${d.code} ${d.message}`);

/** Ten levels of ten-fold aliases: 10^10 nodes if expanded. */
function aliasBomb(levels: number): string {
  const lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(",")}]`,
    );
  return `${MINIMAL}${lines.join("\n")}\n`;
}

describe("hostile YAML", () => {
  it("an alias bomb (10^10 nodes) is refused in well under a second with little memory", () => {
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    const problems = codesOf(aliasBomb(10));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 1024 * 1024);
    expect(problems.join("\n")).toMatch(/CANNECTORS_E_YAML_SYNTAX .*[Ee]xcessive alias count/);
  });

  it.each([
    ["a JS function tag", "name: !!js/function 'function () { globalThis.hostile = 1 }'"],
    ["a Python object tag", "name: !!python/object/apply:os.system ['touch /tmp/pwned']"],
    ["an include tag", "name: !include /etc/passwd"],
    ["a verbatim tag", "name: !<tag:yaml.org,2002:js/undefined> x"],
  ])("%s is a YAML_SYNTAX error", (_name, line) => {
    const problems = codesOf(MINIMAL.replace("name: hostile", line));
    expect(problems.join("\n")).toMatch(/CANNECTORS_E_YAML_SYNTAX/);
  });

  it.each([
    ["__proto__ under metadata", "metadata:\n  __proto__: { polluted: yes }\n  name: hostile"],
    ["__proto__ as an output header", "  headers: { __proto__: { polluted: yes } }"],
    ["constructor.prototype as an output header", "  headers: { constructor: { prototype: { polluted: yes } } }"],
    ["prototype at the top", "prototype: { polluted: yes }"],
    ["__proto__ through a merge key", "x: &p { __proto__: { polluted: yes } }\ny: { <<: *p }"],
    ["a quoted __proto__ key", '"__proto__": { polluted: yes }'],
  ])("%s is refused and Object.prototype is untouched", (_name, snippet) => {
    const text = snippet.startsWith("metadata")
      ? MINIMAL.replace("metadata:\n  name: hostile", snippet)
      : `${MINIMAL}${snippet}\n`;
    const problems = codesOf(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toMatch(/CANNECTORS_E_SCHEMA key "(__proto__|constructor|prototype)" is not allowed/);
  });
});

describe("hostile environment", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "${env:%s} with no such variable is unresolved, never an inherited property",
    (name) => {
      const text = MINIMAL.replace("path: /sink", `path: /sink\n  headers: { X-Key: "\${env:${name}}" }`);
      expect(codesOf(text, {}).join("\n")).toMatch(/CANNECTORS_E_SECRET_UNRESOLVED/);
      expect(resolveSecrets({ key: `\${env:${name}}` }, {}).missing).toHaveLength(1);
    },
  );

  it("variables named __proto__ and constructor resolve as the plain strings they are, polluting nothing", () => {
    const env = JSON.parse('{"__proto__": "p-value", "constructor": "c-value"}') as Record<string, string>;
    const text = MINIMAL.replace(
      "path: /sink",
      'path: /sink\n  headers: { A: "${env:__proto__}", B: "${env:constructor}" }',
    );
    expect(codesOf(text, env)).toEqual([]);
    const resolved = resolveSecrets({ a: "${env:constructor}", b: "${env:__proto__}" }, env);
    expect(resolved.value).toEqual({ a: "c-value", b: "p-value" });
    expect(resolved.missing).toEqual([]);
  });
});

function outcome(source: string, record: unknown): { stage: "compile" | "evaluate" | "value"; value?: unknown } {
  let compiled: ReturnType<typeof compileExpression>;
  try {
    compiled = compileExpression(source, ["record"]);
  } catch (error) {
    expect(isCannectorsError(error, "CANNECTORS_E_EXPRESSION")).toBe(true);
    return { stage: "compile" };
  }
  try {
    return { stage: "value", value: compiled({ record }) };
  } catch (error) {
    expect(isCannectorsError(error, "CANNECTORS_E_EVALUATION")).toBe(true);
    return { stage: "evaluate" };
  }
}

describe("hostile expressions", () => {
  it.each([
    "record.constructor",
    "record.__proto__",
    'record["constructor"]',
    'record["__proto__"]["polluted"]',
    "record.constructor.constructor",
    '"".constructor.constructor("globalThis.hostile = 1")()',
    'record.constructor.constructor("globalThis.hostile = 1")()',
    "record.toString()",
    'record.x.constructor.prototype.polluted = "yes"',
    "process.exit(1)",
    'require("child_process")',
    "globalThis",
    "this",
  ])("%s never reaches a host object", (source) => {
    const result = outcome(source, { x: {} });
    if (result.stage === "value") {
      // Whatever comes back is plain JSON: no function, no prototype chain of the host.
      expect(typeof result.value).not.toBe("function");
      expect(JSON.parse(JSON.stringify(result.value ?? null))).toEqual(result.value ?? null);
    }
  });

  it.each([
    ["(a+)+$", `${"a".repeat(5_000)}b`],
    ["(a|a)*b", "a".repeat(5_000)],
    ["(.*a){12}", "a".repeat(5_000)],
    ["^(([a-z])+.)+[A-Z]([a-z])+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"],
  ])("the ReDoS pattern %s runs in linear time (RE2)", (pattern, text) => {
    const started = performance.now();
    const result = outcome(`regexMatch(record.s, ${JSON.stringify(pattern)})`, { s: text });
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.stage).not.toBe("compile");
  });

  it.each(['record.s.matches("(a+)+$")', 'matches(record.s, "(a+)+$")'])(
    "%s (backtracking RegExp) is refused at compile time",
    (source) => {
      expect(outcome(source, { s: "a" }).stage).toBe("compile");
    },
  );

  it("expressions beyond the parse limits are refused at compile time", () => {
    expect(outcome(`${"(".repeat(500)}1${")".repeat(500)}`, {}).stage).toBe("compile");
    expect(outcome(`[${Array(5_000).fill("1").join(",")}]`, {}).stage).toBe("compile");
  });

  it("a result too large to hold is an evaluation error, not an out-of-memory", () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const started = performance.now();
    const result = outcome("record.items.map(a, [a, a, a, a, a, a])", { items });
    expect(result.stage).toBe("evaluate");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  // cel-js has no step budget: nested comprehensions over a list the source chose would cost
  // n^depth steps (about 10 s per record for three levels over 300 elements), so they are refused.
  it.each([
    "record.items.map(a, record.items.map(b, record.items.exists(c, c == -1))).size()",
    "record.items.exists(a, record.items.exists(b, a + b == -1))",
  ])("%s (a cross product over record data) is refused at compile time", (source) => {
    expect(outcome(source, { items: [] }).stage).toBe("compile");
  });

  it("a cross product in a filter is a validation error at its file:line:col", () => {
    const text = MINIMAL.replace(
      "output:",
      "filters:\n  - type: condition\n    if: record.items.exists(a, record.items.exists(b, a == b))\noutput:",
    );
    const { diagnostics } = validateArtifact(text, "hostile.yaml");
    expect(diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.path} ${d.code}`)).toEqual([
      "12:9 filters[0].if CANNECTORS_E_EXPRESSION",
    ]);
  });

  it("comprehensions nested over parts of the element stay linear in the record size", () => {
    const orders = Array.from({ length: 2_000 }, (_, i) => ({ lines: Array.from({ length: 50 }, () => ({ qty: i })) }));
    const started = performance.now();
    const result = outcome("record.orders.map(o, o.lines.filter(l, l.qty > 1000).size()).size()", { orders });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result).toEqual({ stage: "value", value: 2_000 });
  });
});
