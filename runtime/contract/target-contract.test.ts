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
    HttpOutput.parse({ type: "http", baseUrl: "http://127.0.0.1:1", path: "/clients", method: "POST", contract: { spec } }),
  )!;

  it("checks exact numbers (BigInt, ExactNumber) as the JSON numbers they are", () => {
    expect(check({ id: 9007199254740993n, amount: new ExactNumber("0.1000000000000000055511") })).toEqual([]);
    expect(check({ id: "x" })).toEqual(["/id must be integer"]);
  });
});
