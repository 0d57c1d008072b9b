import { describe, expect, it } from "vitest";
import { importArtifact } from "./import-artifact.js";
import { nestedObject } from "./nested-targets.js";
import { pathAccess, secretString } from "./ts-literals.js";

const base = {
  apiVersion: "cannectors.dev/v1" as const,
  kind: "Connector" as const,
  metadata: { name: "minimal" },
  input: {
    type: "http" as const,
    baseUrl: "http://127.0.0.1:4010",
    path: "/items",
    method: "GET" as const,
    records: "items",
  },
  output: { type: "http" as const, baseUrl: "http://127.0.0.1:4020", path: "/sink", method: "POST" as const },
};

// biome-ignore-start lint/suspicious/noThenProperty: condition filters have `then` branches; they are data, not thenables
describe("importArtifact", () => {
  it("writes a whole module for a minimal artifact", () => {
    expect(importArtifact(base, { sourceLabel: "minimal.yaml" })).toBe(
      [
        "// Imported from minimal.yaml by cannectors import. Edit this file, then run cannectors build.",
        'import { api, connector } from "cannectors";',
        "",
        "// biome-ignore lint/suspicious/noExplicitAny: the artifact does not say what a record holds; generate types to check fields",
        "type ImportedRecord = any;",
        'type SourcePaths = { "/items": { get: { responses: { 200: { content: { "application/json": { "items": ImportedRecord[] } } } } } } };',
        'type TargetPaths = { "/sink": { post: { requestBody: { content: { "application/json": ImportedRecord } }; responses: { 200: { content: { "application/json": unknown } } } } } };',
        "",
        'const source = api<SourcePaths>({ baseUrl: "http://127.0.0.1:4010" });',
        'const target = api<TargetPaths>({ baseUrl: "http://127.0.0.1:4020" });',
        "",
        'export default connector({ name: "minimal" })',
        '  .from(source.get("/items", { records: "items" }))',
        '  .to(target.post("/sink", {}));',
        "",
      ].join("\n"),
    );
  });

  it.each([
    {
      given: [{ type: "condition", if: "record.a == 1", then: "keep", else: "drop" }],
      want: '.filter((r) => cel("record.a == 1"))',
    },
    {
      given: [
        { type: "condition", if: "x", then: "drop", else: [{ type: "compute", fields: [{ target: "b", expr: "1" }] }] },
      ],
      want: '.when((r) => cel("x"), { then: "drop", else: (b) => b.compute((r) => ({ b: cel("1") })) })',
    },
    {
      given: [{ type: "map", fields: [{ target: "a.b", from: "x[0].y-z", default: 0 }] }],
      want: '.map((r) => ({ a: { b: r.x[0]["y-z"] ?? 0 } }))',
    },
    {
      given: [{ type: "map", keepUnmapped: true, fields: [{ target: "v", value: { k: [1] } }] }],
      want: ".mapKeepingUnmapped((r) => ({ v: VALUE_1 }))",
    },
    {
      given: [{ type: "map", fields: [{ target: "l", from: "lines", each: [{ target: "s", from: "sku" }] }] }],
      want: ".map((r) => ({ l: r.lines.map((e1: ImportedRecord) => ({ s: e1.sku })) }))",
    },
  ])("lowers filters back to pipeline calls: $want", ({ given, want }) => {
    const text = importArtifact({ ...base, filters: given as never }, { sourceLabel: "x.yaml" });
    expect(text).toContain(want);
  });

  it("declares constants for structured values", () => {
    const text = importArtifact(
      { ...base, filters: [{ type: "map", fields: [{ target: "v", value: { k: [1] } }] }] as never },
      { sourceLabel: "x.yaml" },
    );
    expect(text).toContain("const VALUE_1 = { k: [1] } as const;");
  });
});

// biome-ignore-end lint/suspicious/noThenProperty: end of the condition filter data
describe("secretString", () => {
  it.each([
    { given: "plain", want: '"plain"' },
    { given: "${env:TOKEN}", want: 'secret("TOKEN")' },
    { given: "Bearer ${env:TOKEN}", want: 'text`Bearer ${secret("TOKEN")}`' },
    { given: "`a` ${env:A}:${env:B}\\", want: 'text`\\`a\\` ${secret("A")}:${secret("B")}\\\\`' },
  ])("$given → $want", ({ given, want }) => {
    const used = new Set<string>();
    expect(secretString(given, (name) => used.add(name))).toBe(want);
    expect(used.has("secret")).toBe(given.includes("${env:"));
  });
});

describe("pathAccess", () => {
  it.each([
    { given: "id", want: "r.id" },
    { given: "address.city", want: "r.address.city" },
    { given: "items[0].sku", want: "r.items[0].sku" },
    { given: "meta.x-total", want: 'r.meta["x-total"]' },
  ])("$given → $want", ({ given, want }) => {
    expect(pathAccess("r", given)).toBe(want);
  });
});

describe("nested targets", () => {
  it.each([
    { given: [["a", "1"]], want: "{ a: 1 }" },
    {
      given: [
        ["a.b", "1"],
        ["a.c", "2"],
        ["d", "3"],
      ],
      want: "{ a: { b: 1, c: 2 }, d: 3 }",
    },
    {
      given: [
        ["a.b.c", "1"],
        ["a.b.d", "2"],
        ["a.e", "3"],
      ],
      want: "{ a: { b: { c: 1, d: 2 }, e: 3 } }",
    },
    {
      given: [
        ["a.b", "1"],
        ["x", "2"],
        ["a.c", "3"],
      ],
      want: "error: adjacent",
    },
  ] as const)("$given → $want", ({ given, want }) => {
    const run = () => nestedObject(given);
    if (want.startsWith("error")) expect(run).toThrow(/adjacent/);
    else expect(run()).toBe(want);
  });
});
