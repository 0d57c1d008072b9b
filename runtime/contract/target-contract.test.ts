import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HttpOutput } from "../artifact/index.js";
import { ExactNumber } from "../json/exact-number.js";
import { targetBodyCheckOf } from "./target-contract.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-target-contract-"));
const spec = path.join(dir, "spec.json");
writeFileSync(
  spec,
  JSON.stringify({
    openapi: "3.0.3",
    paths: {
      "/clients": {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["id"],
                  properties: { id: { type: "integer" }, amount: { type: "number" } },
                },
              },
            },
          },
        },
      },
    },
  }),
);

describe("targetBodyCheckOf", () => {
  const check = targetBodyCheckOf(
    HttpOutput.parse({
      type: "http",
      baseUrl: "http://127.0.0.1:1",
      path: "/clients",
      method: "POST",
      contract: { spec },
    }),
  )!;

  it("a spec known beyond the artifact (types header, --target-spec) checks the same way; none, no check", () => {
    const output = HttpOutput.parse({ type: "http", baseUrl: "http://127.0.0.1:1", path: "/clients" });
    expect(targetBodyCheckOf(output)).toBeUndefined();
    expect(targetBodyCheckOf(output, spec)!({})).toEqual([
      { pointer: "", rule: "#/required", message: "must have required property 'id'" },
    ]);
    // A form body is the spec's business only when output.contract names it.
    expect(targetBodyCheckOf({ ...output, encoding: "form" }, spec)).toBeUndefined();
  });

  it("checks exact numbers (BigInt, ExactNumber) as the JSON numbers they are", () => {
    expect(check({ id: 9007199254740993n, amount: new ExactNumber("0.1000000000000000055511") })).toEqual([]);
    expect(check({ id: "x" })).toEqual([{ pointer: "/id", rule: "#/properties/id/type", message: "must be integer" }]);
  });
});
