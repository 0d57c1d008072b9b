import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../runtime/contract/spec.js";
import { schemaCheckOf } from "../../runtime/contract/target-contract.js";
import { seededRandom } from "../../runtime/net/seeded-random.js";
import { lastPageValue } from "./last-page.js";
import { sampleValue } from "./sample-values.js";

// The shapes behind the sweep's "the source mock could not make pages valid against the spec" (issue 15).
const levels = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [
    `Level${i}`,
    {
      type: "object",
      required: ["created", "next"],
      properties: {
        created: { type: "integer" },
        next: i < 9 ? { $ref: `#/components/schemas/Level${i + 1}` } : { type: "string" },
      },
    },
  ]),
);
const schemas = {
  ...levels,
  ProximityEnum: { type: "string", enum: ["away", "near"] },
  Task: {
    type: "object",
    required: ["proximity", "owner"],
    properties: {
      proximity: { allOf: [{ $ref: "#/components/schemas/ProximityEnum" }], readOnly: true },
      owner: { allOf: [{ $ref: "#/components/schemas/ProximityEnum" }], nullable: true },
    },
  },
  Category: {
    type: "object",
    required: ["id", "children"],
    properties: {
      id: { type: "integer" },
      children: { type: "array", items: { $ref: "#/components/schemas/Category" } },
      parent: { allOf: [{ $ref: "#/components/schemas/Category" }], nullable: true },
    },
  },
  Participant: {
    type: "object",
    required: ["state"],
    properties: { state: { type: "string", enum: ["approved", "changes_requested", null] } },
  },
  Commit: { type: "object", required: ["hash"], properties: { hash: { type: "string", pattern: "[0-9a-f]{7,}?" } } },
  Page: {
    type: "object",
    required: ["items", "required_next"],
    properties: {
      items: { type: "array", items: { type: "object" } },
      cursor: { type: "string" },
      nullable_cursor: { type: "string", nullable: true },
      required_next: { type: "string" },
      meta: { type: "object", properties: { next: { type: "string" } } },
    },
  },
};
const dir = mkdtempSync(path.join(tmpdir(), "conformance-shapes-"));
const specFile = path.join(dir, "shapes.json");
writeFileSync(
  specFile,
  JSON.stringify({ openapi: "3.0.3", info: { title: "Shapes", version: "1" }, paths: {}, components: { schemas } }),
);
const spec = loadSpec(specFile);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("the source mock's samples are valid against their schema", () => {
  it.each([
    ["required values ten objects deep (Stripe's …/discount/coupon/created)", "Level0"],
    ["an enum behind allOf with readOnly or nullable beside it (GSM Tasks)", "Task"],
    ["a recursive children list (PocketSmith categories)", "Category"],
    ["a pattern without an example (Bitbucket's commit hash)", "Commit"],
    ["an enum listing null on a type that is not nullable (Bitbucket's participant state)", "Participant"],
  ])("%s", (_name, component) => {
    const check = schemaCheckOf(spec, ref(component));
    const problems = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const value = sampleValue(spec, ref(component), { random: seededRandom(seed), index: seed }, "record");
      for (const problem of check(value)) problems.add(problem);
    }
    expect([...problems]).toEqual([]);
  });
});

describe("the last page's end-of-list pointer", () => {
  it.each([
    ["cursor", "absent"],
    ["nullable_cursor", "null"],
    ["required_next", "null"],
    ["meta.next", "absent"],
    ["unknown", "null"],
  ])("%s → %s", (field, want) => {
    expect(lastPageValue(spec, ref("Page"), field)).toBe(want);
  });
});
