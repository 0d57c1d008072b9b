import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildConnectors } from "../../compiler/build/index.js";
import { typeCheck } from "../../compiler/build/type-check.js";
import type { Filter } from "../../runtime/artifact/index.js";
import { compileFilters } from "../../runtime/filters/index.js";
import { ROOT } from "../../test/support/cli.js";
import type { ConnectorPlan, FieldPlan } from "../scaffold/index.js";
import { renderConnector } from "../scaffold/index.js";
import type { FieldRecord } from "../suggest/index.js";
import { expressionFor, plannedConfidence } from "./expression.js";

const SOURCE_TYPES = `export interface paths {
  "/payments": {
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            "application/json": {
              data: {
                id: string;
                amount: number;
                fee: number;
                total: string;
                currency: string;
                country?: string;
                phone: string;
                emails?: { value: string }[];
              }[];
            };
          };
        };
      };
    };
  };
}
`;

const TARGET_TYPES = `export interface paths {
  "/ledger": {
    post: {
      requestBody: {
        content: {
          "application/json": {
            ref: string;
            amount: number;
            fee: string;
            milliunits: number;
            currency: string;
            country: string;
            phone: string;
            email: string;
          };
        };
      };
      responses: { 201: { content: { "application/json": unknown } } };
    };
  };
}
`;

const SOURCE: FieldRecord[] = [
  { path: "id", type: "string", required: true },
  { path: "amount", type: "number", required: true, description: "Positive when money goes out." },
  { path: "fee", type: "integer", required: true },
  { path: "total", type: "string", required: true },
  { path: "currency", type: "string", required: true, description: "Lowercase ISO code." },
  { path: "country", type: "string", required: false },
  { path: "phone", type: "string", required: true },
  { path: "emails[].value", type: "string", required: true },
];

/** Target field, source and the conversion the suggester would have returned. */
const MAPPINGS: { target: FieldRecord; source: string; conversion: string }[] = [
  { target: { path: "ref", type: "string", required: true }, source: "id", conversion: "none" },
  { target: { path: "amount", type: "number", required: true }, source: "amount", conversion: "negate" },
  { target: { path: "fee", type: "string", required: true }, source: "fee", conversion: "minor_to_major+negate" },
  {
    target: { path: "milliunits", type: "integer", required: true },
    source: "total",
    conversion: "major_to_milliunits",
  },
  { target: { path: "currency", type: "string", required: true }, source: "currency", conversion: "uppercase" },
  { target: { path: "country", type: "string", required: true }, source: "country", conversion: "uppercase" },
  {
    target: { path: "phone", type: "string", required: true, description: "E.164, digits only." },
    source: "phone",
    conversion: "format",
  },
  // An optional array: `r.emails[0]` would not type-check (TS18048).
  { target: { path: "email", type: "string", required: true }, source: "emails[].value", conversion: "first_item" },
];

/** The plan `cannectors generate` would make from these suggestions, all at a confidence that accepts them. */
function plan(typesDir: string): ConnectorPlan {
  const sourceFields = new Map(SOURCE.map((f) => [f.path, f]));
  const fields: FieldPlan[] = MAPPINGS.map(({ target, source, conversion }) => {
    const written = expressionFor({ source, conversion, sourceFields, target, table: (name) => name })!;
    const reasons = [`conversion ${conversion}`, ...(written.note ? [written.note] : [])];
    const confidence = plannedConfidence(0.95, written);
    return {
      target: target.path,
      required: true,
      suggestions: [{ expression: written.expression, confidence, reasons, sources: [source] }],
    };
  });
  const endpoint = { baseUrl: "http://127.0.0.1:9", notes: [] };
  return {
    name: "payments-to-ledger",
    source: {
      ...endpoint,
      typesImport: `${typesDir}/source.js`,
      method: "get",
      path: "/payments",
      records: "data",
      schedule: "0 * * * *",
    },
    target: { ...endpoint, typesImport: `${typesDir}/target.js`, method: "post", path: "/ledger" },
    fields,
    constants: {},
  };
}

describe("a generated connector with negate and uppercase, through the compiler", () => {
  // Inside the repo, so "cannectors" resolves through the project's tsconfig when type-checking.
  const dir = mkdtempSync(path.join(ROOT, "examples/.conversions-test-"));
  writeFileSync(path.join(dir, "source.ts"), SOURCE_TYPES);
  writeFileSync(path.join(dir, "target.ts"), TARGET_TYPES);
  const file = path.join(dir, "connector.ts");
  const text = renderConnector(plan("."), ["Generated by a test."]);
  writeFileSync(file, text);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the conversions as code and keeps the format conversion under review", () => {
    expect(text).toContain("    amount: -r.amount,\n");
    expect(text).toContain("    fee: fromCents(-r.fee),\n");
    expect(text).toContain("    currency: r.currency.toUpperCase(),\n");
    expect(text).toContain('    country: (r.country ?? "").toUpperCase(),\n');
    expect(text).toMatch(
      /\/\/ review 0\.89: conversion format; review: format conversion needed \(.*E\.164, digits only\.".*\) \[cannectors:review phone 0\.89\]\n\s+phone: r\.phone,/,
    );
  });

  it("type-checks, lowers to CEL and maps a real record as the conversions say", async () => {
    expect(typeCheck([file], ROOT).map((p) => `${p.code} ${p.message}`)).toEqual([]);
    const built = await buildConnectors([file], { cwd: dir, outDir: dir, mode: "dry" });
    expect(built.diagnostics.map((d) => d.message)).toEqual([]);
    const artifact = parse(built.artifacts[0]!.yaml) as { filters: Filter[] };
    const map = artifact.filters.find((f) => f.type === "map") as { fields: { target: string; expr?: string }[] };
    expect(Object.fromEntries(map.fields.map((f) => [f.target, f.expr]))).toMatchObject({
      amount: "-record.amount",
      fee: "fromCents(-record.fee)",
      milliunits: "parseInt(round(parseNumber(record.total) * 1000, 0))",
      currency: "upper(record.currency)",
      country: 'upper(coalesce(record.country, ""))',
    });
    const run = compileFilters(artifact.filters);
    const record = {
      id: "p1",
      amount: 12.5,
      fee: 250,
      total: "12.345",
      currency: "eur",
      phone: "+33 1 23 45 67 89",
      emails: [{ value: "ada@example.com" }, { value: "second@example.com" }],
    };
    expect(run(record, 0)).toEqual([
      {
        ref: "p1",
        amount: -12.5,
        fee: "-2.50",
        milliunits: 12345,
        currency: "EUR",
        country: "",
        phone: "+33 1 23 45 67 89",
        email: "ada@example.com",
      },
    ]);
  }, 60_000);
});
