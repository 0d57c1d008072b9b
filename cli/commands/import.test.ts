import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type BuildResult,
  buildConnectors,
  emitArtifact,
  headerFor,
  importArtifactFile,
  typeCheck,
} from "../../compiler/index.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
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
const nameOf = (file: string) => (parse(readFileSync(file, "utf8")) as { metadata: { name: string } }).metadata.name;

interface RoundTrip {
  given: string;
  imported: ReturnType<typeof importArtifactFile>;
  tsFile: string;
  outputFile: string;
  build: BuildResult;
}

/**
 * What `cannectors import` then `cannectors build` run, in-process: every source imported, all the
 * imported files type-checked in one TypeScript program, and built in as few runner processes as
 * their names allow (two fixtures share a connector name with another, which one build rightly
 * refuses). One program instead of a CLI process and a program per file: the file took ~215 s on CI.
 */
async function roundTrips(): Promise<{ cases: RoundTrip[]; typeErrors: Diagnostic[]; builds: BuildResult[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-import-"));
  const names = sources.map(nameOf);
  // A source's group is how many earlier sources share its name: each group builds into its own directory.
  const groupOf = (i: number) => names.slice(0, i).filter((name) => name === names[i]).length;
  const imported = sources.map((file, i) => {
    const tsFile = path.join(dir, `imported-${i}.ts`);
    const result = importArtifactFile(file, tsFile);
    if (result.source !== undefined) writeFileSync(tsFile, result.source);
    const outDir = path.join(dir, `out-${groupOf(i)}`);
    return {
      given: path.relative(ROOT, file),
      imported: result,
      tsFile,
      outDir,
      outputFile: path.join(outDir, `${names[i]}.yaml`),
    };
  });
  const written = imported.filter((c) => c.imported.source !== undefined);
  const outDirs = [...new Set(written.map((c) => c.outDir))];
  // The builds run in child processes: the type check uses the other core meanwhile (as `cannectors check` does).
  const building = Promise.all(
    outDirs.map((outDir) =>
      buildConnectors(
        written.filter((c) => c.outDir === outDir).map((c) => c.tsFile),
        // Only a guard against a hang: a loaded machine runs 13 files slowly.
        { outDir, mode: "write", timeoutMs: 140_000 },
      ),
    ),
  );
  const typeErrors = typeCheck(written.map((c) => c.tsFile));
  const builds = await building;
  const cases = imported.map(({ outDir, ...c }) => ({ ...c, build: builds[outDirs.indexOf(outDir)] ?? emptyBuild }));
  return { cases, typeErrors, builds };
}
const emptyBuild: BuildResult = { artifacts: [], diagnostics: [], wrote: false };

describe("cannectors import", () => {
  let done: Awaited<ReturnType<typeof roundTrips>>;
  beforeAll(async () => {
    done = await roundTrips();
  }, 180_000);

  it.each(sources.map((file) => ({ given: path.relative(ROOT, file) })))(
    "round trip $given: YAML → import → build gives the bytes build emits for the YAML",
    ({ given }) => {
      const trip = done.cases.find((c) => c.given === given);
      expect(trip?.imported.diagnostics).toEqual([]);
      expect(trip?.imported.source).toBeDefined();
      const { tsFile, outputFile, build } = trip as RoundTrip;
      const located = (d: Diagnostic) =>
        d.location?.file === path.relative(process.cwd(), tsFile).split(path.sep).join("/");
      expect(done.typeErrors.filter(located)).toEqual([]);
      expect(build.diagnostics.filter(located)).toEqual([]);
      // Nothing is written when any file of the build has an error: those are the reason then.
      expect(build.wrote, JSON.stringify(build.diagnostics)).toBe(true);
      const document = parse(readFileSync(path.join(ROOT, given), "utf8")) as { metadata: { name: string } };
      expect(existsSync(outputFile)).toBe(true);
      expect(readFileSync(outputFile, "utf8")).toBe(emitArtifact(document, headerFor(tsFile, outputFile)));
    },
  );

  it("writes files that type-check without a spec (records are open until types are generated)", () => {
    expect(done.cases.filter((c) => c.imported.source === undefined).map((c) => c.given)).toEqual([]);
    expect(done.typeErrors).toEqual([]);
    expect(done.builds.flatMap((b) => b.diagnostics)).toEqual([]);
  });

  it("refuses an invalid artifact with its diagnostics and writes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-import-"));
    const [result, invalid] = await Promise.all([
      runCli(["import", "test/fixtures/minimal.yaml", "--out", path.join(dir, "x.ts")]),
      runCli(["import", "package.json", "--out", path.join(dir, "y.ts")]),
    ]);
    expect(result.code).toBe(0);
    expect(invalid.code).toBe(2);
    expect(readdirSync(dir)).toEqual(["x.ts"]);
  }, 60_000); // Two CLI processes side by side: on a loaded 2-core machine each can take over 15 s.
});
