import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExactNumber } from "../json/exact-number.js";
import { driftOf } from "./drift.js";
import { loadSpec } from "./spec.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-drift-"));
const file = path.join(dir, "spec.json");
writeFileSync(
  file,
  JSON.stringify({
    openapi: "3.0.3",
    paths: {},
    components: {
      schemas: {
        Base: { type: "object", required: ["id"], properties: { id: { type: "integer" } } },
        Person: {
          allOf: [{ $ref: "#/components/schemas/Base" }],
          type: "object",
          required: ["name"],
          properties: {
            name: { type: "string" },
            age: { type: "number", nullable: true },
            tags: { type: "array", items: { type: "string" } },
            address: { type: "object", properties: { city: { type: "string" } } },
            extra: {},
          },
        },
      },
    },
  }),
);
const spec = loadSpec(file);
const person = spec.deref({ $ref: "#/components/schemas/Person" })!;

describe("driftOf", () => {
  it.each([
    { given: { id: 1, name: "a" }, want: [] },
    { given: { id: 1, name: "a", age: null, tags: ["x"], extra: { any: 1 } }, want: [] },
    // Exact numbers (json/exact-number.ts) are the JSON types they were written as.
    { given: { id: 9007199254740993n, name: "a", age: new ExactNumber("0.1000000000000000055511") }, want: [] },
    { given: { id: new ExactNumber("123456789012345678901234567890"), name: "a" }, want: [] },
    { given: { id: 1, name: "a", age: 4.5 }, want: [] },
    { given: { id: 1, name: "a", nick: "b" }, want: [{ kind: "new_field", path: "nick", actual: "string" }] },
    { given: { name: "a" }, want: [{ kind: "missing_field", path: "id" }] },
    {
      given: { id: "1", name: "a" },
      want: [{ kind: "type_changed", path: "id", expected: "integer", actual: "string" }],
    },
    {
      given: { id: 1.5, name: "a" },
      want: [{ kind: "type_changed", path: "id", expected: "integer", actual: "number" }],
    },
    {
      given: { id: 1, name: "a", tags: [3] },
      want: [{ kind: "type_changed", path: "tags[]", expected: "string", actual: "integer" }],
    },
    {
      given: { id: 1, name: "a", address: { city: "x", zip: "1" } },
      want: [{ kind: "new_field", path: "address.zip", actual: "string" }],
    },
    { given: "text", want: [{ kind: "type_changed", path: "(record)", expected: "object", actual: "string" }] },
  ])("$given → $want", ({ given, want }) => {
    expect(driftOf(spec, person, given)).toEqual(want);
  });
});
