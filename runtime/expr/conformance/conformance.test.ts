import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCases } from "./cases.js";
import { ENGINES, type Outcome, runCase } from "./run-case.js";

/**
 * The official CEL conformance tests (google/cel-spec, ../shared/cel-conformance, not copied here)
 * through each of our three engines. Every case that does not pass is a documented deviation
 * (deviations.json, shown in docs/artifact.md); a deviation that now passes must leave the list.
 */
const dir = fileURLToPath(new URL("../../../../shared/cel-conformance", import.meta.url));
const present = existsSync(dir);
const docs = readFileSync(fileURLToPath(new URL("../../../docs/artifact.md", import.meta.url)), "utf8");
const deviations: { reason: string; ids: string[] }[] = JSON.parse(
  readFileSync(fileURLToPath(new URL("./deviations.json", import.meta.url)), "utf8"),
);
const listed = new Map(deviations.flatMap((group) => group.ids.map((id) => [id, group.reason] as const)));

if (!present && process.env.CI === "true") {
  it("finds the CEL conformance files", () => {
    throw new Error(`${dir} is missing: the CEL conformance test cannot run (see its README)`);
  });
}

describe.skipIf(!present)("CEL conformance (google/cel-spec simple tests)", () => {
  if (!present) console.warn(`skipped: ${dir} is missing`);
  const { cases, skipped } = present ? loadCases(dir) : { cases: [], skipped: 0 };
  const outcomes = new Map<string, Map<string, Outcome>>();

  for (const engine of ENGINES) {
    it(`${engine}: every case passes or is a documented deviation`, () => {
      const failing: string[] = [];
      let passed = 0;
      for (const test of cases) {
        const outcome = runCase(test, engine);
        if (!outcomes.has(test.id)) outcomes.set(test.id, new Map());
        outcomes.get(test.id)!.set(engine, outcome);
        if (outcome === "pass") passed++;
        else if (!listed.has(test.id)) failing.push(`${test.id} (${outcome}): ${test.expr}`);
      }
      console.log(
        `CEL conformance, ${engine}: ${passed} of ${cases.length} pass (${skipped} tests need protobuf, uint, bytes or types)`,
      );
      expect(failing).toEqual([]);
    });
  }

  it("lists no deviation that every engine passes, and none twice", () => {
    const ids = deviations.flatMap((group) => group.ids);
    expect(new Set(ids).size).toBe(ids.length);
    const stale = ids.filter((id) => ENGINES.every((engine) => outcomes.get(id)?.get(engine) === "pass"));
    expect(stale).toEqual([]);
  });
});

describe("the deviation list", () => {
  it("is shown in docs/artifact.md, reason by reason and id by id", () => {
    for (const { reason, ids } of deviations) {
      expect(docs).toContain(reason);
      for (const id of ids) expect(docs).toContain(`\`${id}\``);
    }
  });
});
