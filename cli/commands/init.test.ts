import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "../../test/support/cli.js";
import { hasScript, startTerminal } from "./pty-test-support.js";

// The whole first hour (install the tarball, init, tsc, check, run, the project's tests) is
// test/first-hour.e2e.test.ts; this is what init writes and keeps.
describe("cannectors init", () => {
  it("writes a project, merges an existing package.json and keeps files that are already there", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-init-"));
    writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "mine", scripts: { test: 'echo "Error: no test specified" && exit 1', lint: "x" } }),
    );
    writeFileSync(path.join(dir, ".gitignore"), "mine\n");
    const result = await runCli(["init", "--yes"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("kept  .gitignore (already there)");
    expect(readFileSync(path.join(dir, ".gitignore"), "utf8")).toBe("mine\n");
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(manifest.name).toBe("mine");
    expect(manifest.scripts).toMatchObject({
      lint: "x",
      test: "node --test",
      check: "cannectors check",
      build: "cannectors build --out artifacts",
      run: "cannectors run connectors/crm-to-erp.ts",
      "test:conformance": "vitest run connectors",
    });
    expect(manifest.devDependencies.vitest).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(manifest.dependencies.cannectors).toMatch(/^\^\d+\.\d+\.\d+/);
    for (const file of [
      "tsconfig.json",
      "connectors/crm-to-erp.ts",
      "types/crm.ts",
      "types/erp.ts",
      "specs/crm.openapi.yaml",
      "test/crm-to-erp.test.mjs",
      "connectors/crm-to-erp.conformance.test.ts",
      ".github/workflows/connectors.yml",
      ".vscode/settings.json",
    ]) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(dir, "connectors/crm-to-erp.ts"), "utf8")).toContain('from "../types/crm.js"');
    expect(readFileSync(path.join(dir, "types/crm.ts"), "utf8")).toContain("from ../specs/crm.openapi.yaml");

    const again = await runCli(["init", "--yes"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("kept  connectors/crm-to-erp.ts (already there)");
  }, 60_000);
});

describe.skipIf(!hasScript)("cannectors init on a terminal", () => {
  it("asks for the package name, and writes nothing when cancelled", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-init-tty-"));
    const answered = startTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} init`, dir);
    await answered.waitFor("Package name");
    answered.type("my-connectors\r");
    expect(await answered.exit).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).name).toBe("my-connectors");

    const other = mkdtempSync(path.join(tmpdir(), "cannectors-init-tty-"));
    const cancelled = startTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} init`, other);
    await cancelled.waitFor("Package name");
    cancelled.type("\u0003");
    expect(await cancelled.exit).toBe(2);
    expect(existsSync(path.join(other, "package.json"))).toBe(false);
  }, 60_000);
});
