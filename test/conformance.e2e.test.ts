/**
 * Issue 19 item 2: the conformance test `init` and `generate` write beside a connector runs with
 * vitest in the user's project (through `cannectors/testing`, built into dist/) and passes; and it
 * fails when the connector is broken — a conformance test that cannot fail proves nothing.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./support/cli.js";

const work = mkdtempSync(path.join(tmpdir(), "cannectors-conformance-e2e-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project folder whose `cannectors` and `vitest` are this repository's, as after `npm install`. */
function project(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, path.join(dir, "node_modules/cannectors"));
  symlinkSync(path.join(ROOT, "node_modules/vitest"), path.join(dir, "node_modules/vitest"));
  return dir;
}

interface VitestReport {
  testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

/** `vitest run` in the project, as its `test:conformance` script does; the JSON report. */
function vitest(dir: string, args: string[]): Promise<{ code: number | null; report: VitestReport; output: string }> {
  const reportFile = path.join(dir, "vitest-report.json");
  const bin = path.join(ROOT, "node_modules/vitest/vitest.mjs");
  const child = spawn(
    process.execPath,
    [bin, "run", ...args, "--reporter=json", `--outputFile=${reportFile}`, "--reporter=default"],
    { cwd: dir, env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.once("close", (code) =>
      resolve({ code, output, report: JSON.parse(readFileSync(reportFile, "utf8")) as VitestReport }),
    ),
  );
}

function results(report: VitestReport, file: string) {
  const found = report.testResults.find((r) => r.name.endsWith(file));
  return found?.assertionResults ?? [];
}

/** The 7 scenarios of the written test: pages, empty page, empty source, 429, 5xx, dead letter, crash. */
async function expectEveryScenarioPasses(dir: string, path: string, file: string): Promise<void> {
  const run = await vitest(dir, [path]);
  const statuses = results(run.report, file).map((t) => t.status);
  expect(statuses, run.output).toEqual(Array(7).fill("passed"));
  expect(run.code).toBe(0);
}

describe("the conformance test written by init", () => {
  const dir = project("init");

  it("passes for the example connector: pages, empty page, 429, 5xx, dead letter, crash and resume", async () => {
    const init = await runCli(["init", dir, "--yes"]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain("wrote connectors/crm-to-erp.conformance.test.ts");
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(manifest.scripts["test:conformance"]).toBe("vitest run connectors");

    await expectEveryScenarioPasses(dir, "connectors", "crm-to-erp.conformance.test.ts");
  }, 240_000);

  it("fails when a mapping writes a string into an integer field, and when pagination stops early", async () => {
    const original = readFileSync(path.join(dir, "connectors/crm-to-erp.ts"), "utf8");
    const test = readFileSync(path.join(dir, "connectors/crm-to-erp.conformance.test.ts"), "utf8");
    const broken = (name: string, from: string, to: string) => {
      expect(original).toContain(from);
      writeFileSync(path.join(dir, `connectors/${name}.ts`), original.replace(from, to));
      writeFileSync(
        path.join(dir, `connectors/${name}.conformance.test.ts`),
        test.replace("./crm-to-erp.ts", `./${name}.ts`),
      );
    };
    // `as unknown as number` silences TypeScript: only the target's contract sees the string.
    broken("string-into-integer", "balance_cents: cents(c.balance),", "balance_cents: c.balance as unknown as number,");
    broken("stops-early", 'hasMorePath: "has_more",', 'hasMorePath: "has_more",\n        maxPages: 2,');

    const run = await vitest(dir, ["connectors/string-into-integer", "connectors/stops-early", "-t", "several pages"]);
    expect(run.code, run.output).toBe(1);
    const [mapping] = results(run.report, "string-into-integer.conformance.test.ts").filter(
      (t) => t.status !== "skipped",
    );
    expect(mapping?.status).toBe("failed");
    // The report's message is cut short; the reporter's diff shows the target's contract's words.
    expect(run.output).toMatch(
      /FAIL {2}connectors\/string-into-integer[^\n]*several pages[\s\S]*\/clients\/0\/balance_cents must be integer/,
    );
    const [paging] = results(run.report, "stops-early.conformance.test.ts").filter((t) => t.status !== "skipped");
    expect(paging?.status).toBe("failed");
    // The source served 100, 100 and would have served 100 and 50 more.
    expect(paging?.failureMessages.join("\n")).toMatch(
      /expected \[ 100, 100 \] to deeply equal \[ 100, 100, 100, 50 \]/,
    );
  }, 240_000);
});

describe("the conformance test written by generate", () => {
  it("passes for a connector generated from the demo specs", async () => {
    const dir = project("generate");
    const gen = await runCli([
      "generate",
      "--source",
      path.join(ROOT, "examples/demo-apis/crm/openapi.yaml"),
      "--target",
      path.join(ROOT, "examples/demo-apis/erp/openapi.yaml"),
      "--name",
      "crm-sync",
      "--out",
      dir,
      "--yes",
    ]);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stderr).toContain("connectors/crm-sync.conformance.test.ts");

    await expectEveryScenarioPasses(dir, "connectors/crm-sync.conformance", "crm-sync.conformance.test.ts");
  }, 240_000);
});
