import { describe, expect, it } from "vitest";
import { findSecretRefs, findSecretSyntaxErrors } from "./index.js";

const artifact = {
  metadata: { name: "crm" },
  input: {
    baseUrl: "https://api.example.com",
    auth: { type: "bearer", token: "${env:CRM_TOKEN}" },
    headers: { "X-Trace": "a-${env:TRACE_A}-${env:_B2}-z" },
  },
  filters: [{ type: "compute", fields: [{ target: "x", expr: "record.id" }] }],
  output: { query: { key: "${env:OUT_KEY}", page: 3, enabled: true } },
};

describe("findSecretRefs", () => {
  it("finds every reference with its path, in document order", () => {
    expect(findSecretRefs(artifact)).toMatchObject([
      { path: ["input", "auth", "token"], name: "CRM_TOKEN", raw: "${env:CRM_TOKEN}" },
      { path: ["input", "headers", "X-Trace"], name: "TRACE_A", raw: "${env:TRACE_A}" },
      { path: ["input", "headers", "X-Trace"], name: "_B2", raw: "${env:_B2}" },
      { path: ["output", "query", "key"], name: "OUT_KEY", raw: "${env:OUT_KEY}" },
    ]);
  });

  it("walks arrays with numeric path segments", () => {
    expect(findSecretRefs({ list: ["plain", { v: "${env:X}" }] })).toMatchObject([
      { path: ["list", 1, "v"], name: "X", raw: "${env:X}" },
    ]);
  });

  it("ignores malformed references (they are syntax errors, not refs)", () => {
    expect(findSecretRefs({ a: "${NAME}", b: "${vault:x}", c: "${env:1BAD}" })).toEqual([]);
  });
});

describe("findSecretSyntaxErrors", () => {
  const cases: { given: string; want: RegExp | undefined }[] = [
    { given: "${env:GOOD_1}", want: undefined },
    { given: "no reference at all, $ and {} apart", want: undefined },
    { given: "${NAME}", want: /unsupported secret reference "\$\{NAME\}"/ },
    { given: "${vault:x}", want: /unsupported secret reference "\$\{vault:x\}"/ },
    { given: "${env:}", want: /unsupported secret reference/ },
    { given: "${env:1ABC}", want: /unsupported secret reference/ },
    { given: "${env:A-B}", want: /unsupported secret reference/ },
    { given: "${ env:A }", want: /unsupported secret reference/ },
    { given: "token ${env:OPEN", want: /unterminated secret reference/ },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${want === undefined ? "no error" : want.source}`, () => {
      const errors = findSecretSyntaxErrors({ input: { token: given } });
      if (want === undefined) {
        expect(errors).toEqual([]);
      } else {
        expect(errors).toHaveLength(1);
        expect(errors[0]?.path).toEqual(["input", "token"]);
        expect(errors[0]?.message).toMatch(want);
      }
    });
  }

  it("reports every error in the document at once", () => {
    const errors = findSecretSyntaxErrors({ a: "${X}", b: ["ok", "${y:z} and ${W}"] });
    expect(errors.map((e) => e.path)).toEqual([["a"], ["b", 1], ["b", 1]]);
  });
});
