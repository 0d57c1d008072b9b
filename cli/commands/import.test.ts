import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact, headerFor } from "../../compiler/index.js";
import { ROOT, runCli } from "../../test/support/cli.js";

const FIXTURES = path.join(ROOT, "compiler/import/fixtures");
// Every artifact in examples/ and the test fixtures.
const sources = [
  path.join(ROOT, "examples/crm-to-erp/crm-to-erp.yaml"),
  path.join(ROOT, "test/fixtures/minimal.yaml"),
  path.join(ROOT, "test/fixtures/crm-to-erp.hand-written.yaml"),
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => path.join(FIXTURES, f)),
];

describe("cannectors import", () => {
  it.each(sources.map((file) => ({ given: path.relative(ROOT, file) })))(
    "round trip $given: YAML → import → build gives the bytes build emits for the YAML",
    async ({ given }) => {
      const dir = mkdtempSync(path.join(tmpdir(), "cannectors-import-"));
      const tsFile = path.join(dir, "connector.ts");
      const imported = await runCli(["import", given, "--out", tsFile]);
      expect(imported.stderr).not.toContain("CANNECTORS_E");
      expect(imported.code).toBe(0);

      const built = await runCli(["build", tsFile, "--out", path.join(dir, "out")]);
      expect(built.stderr).toBe(built.code === 0 ? built.stderr : "");
      expect(built.code).toBe(0);
      const document = parse(readFileSync(path.join(ROOT, given), "utf8")) as { metadata: { name: string } };
      const outputFile = path.join(dir, "out", `${document.metadata.name}.yaml`);
      const want = emitArtifact(document, headerFor(tsFile, outputFile));
      expect(readFileSync(outputFile, "utf8")).toBe(want);
    },
  );

  it("writes files that type-check without a spec (records are open until types are generated)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-import-check-"));
    const files = sources.map((_, i) => path.join(dir, `imported-${i}.ts`));
    for (const [i, file] of sources.entries())
      expect((await runCli(["import", file, "--out", files[i]!])).code).toBe(0);
    // Two fixtures share a connector name with another, which one `check` run rightly refuses: two runs.
    const names = sources.map(
      (file) => (parse(readFileSync(file, "utf8")) as { metadata: { name: string } }).metadata.name,
    );
    const firsts = files.filter((_, i) => names.indexOf(names[i]!) === i);
    const repeats = files.filter((_, i) => names.indexOf(names[i]!) !== i);
    for (const group of [firsts, repeats]) {
      const checked = await runCli(["check", ...group], { timeoutMs: 120_000 });
      expect(checked.stdout + checked.stderr).not.toMatch(/error|TS\d+/);
      expect(checked.code).toBe(0);
    }
  }, 150_000);

  it("refuses an invalid artifact with its diagnostics and writes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-import-"));
    const result = await runCli(["import", "test/fixtures/minimal.yaml", "--out", path.join(dir, "x.ts")]);
    const invalid = await runCli(["import", "package.json", "--out", path.join(dir, "y.ts")]);
    expect(result.code).toBe(0);
    expect(invalid.code).toBe(2);
    expect(readdirSync(dir)).toEqual(["x.ts"]);
  });
});
