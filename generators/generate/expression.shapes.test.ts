import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { typeCheck } from "../../compiler/build/type-check.js";
import { ROOT } from "../../test/support/cli.js";
import type { FieldRecord } from "../suggest/index.js";
import { expressionFor } from "./expression.js";

/**
 * Issue 15 class 7, the `check` errors of the real-pairs sweep by class: nullable or absent values
 * into fields that do not take them, one value into a list, a list or a map into one value. Every
 * expression the generator writes as code must type-check against the two sides' types; where no
 * code can, it is a sketch (a candidate or a `todo()`), never code that `check` refuses.
 */
interface ShapeCase {
  name: string;
  source: FieldRecord;
  /** The source record's TypeScript type, as openapi-typescript writes it. */
  sourceType: string;
  target: FieldRecord;
  targetType: string;
  conversion?: string;
  want: "code" | "sketch";
}

const CASES: ShapeCase[] = [
  {
    name: "a nullable list into an optional list that takes no null (Apideck tags → Mailchimp tags)",
    source: { path: "tags", type: "array<string>", required: false, nullable: true },
    sourceType: "{ tags?: string[] | null }",
    target: { path: "tags", type: "array<string>", required: false },
    targetType: "{ tags?: string[] }",
    want: "code",
  },
  {
    name: "an optional list into a required list",
    source: { path: "tags", type: "array<string>", required: false },
    sourceType: "{ tags?: string[] }",
    target: { path: "tags", type: "array<string>", required: true },
    targetType: "{ tags: string[] }",
    want: "code",
  },
  {
    name: "an optional text into a required field that takes null (Mailchimp → Apideck name: string | null)",
    source: { path: "full_name", type: "string", required: false },
    sourceType: "{ full_name?: string }",
    target: { path: "name", type: "string", required: true, nullable: true },
    targetType: "{ name: string | null }",
    want: "code",
  },
  {
    name: "an optional nullable text into a required field that takes null",
    source: { path: "full_name", type: "string", required: false, nullable: true },
    sourceType: "{ full_name?: string | null }",
    target: { path: "name", type: "string", required: true, nullable: true },
    targetType: "{ name: string | null }",
    want: "code",
  },
  {
    name: "one item's text into a list (Mailchimp tags[].name → Apideck tags: string[])",
    source: { path: "tags[].name", type: "string", required: true },
    sourceType: "{ tags?: { name: string }[] }",
    target: { path: "tags", type: "array<string>", required: false, nullable: true },
    targetType: "{ tags?: string[] | null }",
    want: "sketch",
  },
  {
    name: "a map into a text (Jira's names → Asana name)",
    source: { path: "names", type: "object", required: false },
    sourceType: "{ names?: { [key: string]: string } }",
    target: { path: "name", type: "string", required: false },
    targetType: "{ name?: string }",
    want: "sketch",
  },
  {
    name: "a list of texts into one required text",
    source: { path: "emails", type: "array<string>", required: false },
    sourceType: "{ emails?: string[] }",
    target: { path: "email_address", type: "string", required: true },
    targetType: "{ email_address: string }",
    want: "sketch",
  },
  {
    name: "an optional address into an e-mail field that takes null (Billbee Email → e-conomic email)",
    source: { path: "Email", type: "string", required: false },
    sourceType: "{ Email?: string }",
    target: { path: "email", type: "string", required: false, nullable: true, format: "email" },
    targetType: "{ email?: string | null }",
    want: "code",
  },
  {
    name: "an optional number into a required number that takes null (e-conomic: number | null)",
    source: { path: "Id", type: "integer", required: false },
    sourceType: "{ Id?: number }",
    target: { path: "employeeNumber", type: "integer", required: true, nullable: true },
    targetType: "{ employeeNumber: number | null }",
    want: "code",
  },
  {
    name: "a required text into a required text stays a plain copy",
    source: { path: "title", type: "string", required: true },
    sourceType: "{ title: string }",
    target: { path: "summary", type: "string", required: true },
    targetType: "{ summary: string }",
    want: "code",
  },
];

const written = CASES.map((c) => {
  const sourceFields = new Map([[c.source.path, c.source]]);
  const out = expressionFor({
    source: c.source.path,
    conversion: c.conversion ?? "none",
    sourceFields,
    target: c.target,
    table: (name) => name,
  });
  return { ...c, expression: out?.expression ?? "", sketch: out === undefined || out.incomplete === true };
});

// Inside the repo, so "cannectors" resolves through the project's tsconfig when type-checking.
const dir = mkdtempSync(path.join(ROOT, "examples/.shapes-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The problems `tsc` finds in each case's code, one case a line (sketches are not code). */
function typeProblems(): string[][] {
  const file = path.join(dir, "shapes.ts");
  const lines = written.map((c, i) =>
    c.sketch
      ? `// case ${i}: a sketch`
      : `export const case${i} = (r: ${c.sourceType}): ${c.targetType} => ({ ${c.target.path}: ${c.expression} });`,
  );
  writeFileSync(file, `${lines.join("\n")}\n`);
  const problems = typeCheck([file], ROOT);
  return written.map((_, i) =>
    problems.filter((p) => p.location?.line === i + 1).map((p) => `${p.code} ${p.message.split("\n")[0]}`),
  );
}

describe("what the generator writes where the two sides' shapes differ (issue 15 class 7)", () => {
  const problems = typeProblems();
  it.each(written.map((c, i) => [c.name, i] as const))("%s", (_name, i) => {
    const c = written[i]!;
    expect({ sketch: c.sketch, problems: problems[i] }, c.expression).toEqual({
      sketch: c.want === "sketch",
      problems: [],
    });
  });
});
