/**
 * Issue 13 item 1: what `npm pack` puts in the tarball is enough to run, and nothing a user's
 * install would warn about. The install itself is exercised by test/first-hour.e2e.test.ts.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/cli.js";

interface Manifest {
  private?: boolean;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Manifest;
let packed: Map<string, number>;
/** The one TypeScript source shipped: `cannectors init` copies it into a new project. */
const INIT_EXAMPLE = "examples/crm-to-erp/connector.ts";

beforeAll(() => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  const [report] = JSON.parse(out) as [{ files: { path: string; mode: number }[] }];
  packed = new Map(report.files.map((f) => [f.path, f.mode]));
}, 60_000);

describe("the npm package", () => {
  it("is publishable and has no install-time script of its own", () => {
    expect(manifest.private).not.toBe(true);
    for (const hook of ["preinstall", "install", "postinstall", "prepare"])
      expect(manifest.scripts[hook]).toBeUndefined();
  });

  it("ships the bin executable, with a shebang, and every export's files", () => {
    for (const bin of Object.values(manifest.bin)) {
      expect(packed.get(bin), bin).toBe(0o755);
      expect(readFileSync(path.join(ROOT, bin), "utf8")).toMatch(/^#!\/usr\/bin\/env /);
    }
    const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
    for (const target of targets) expect(packed.has(target.replace(/^\.\//, "")), target).toBe(true);
    expect(packed.has("schema/cannectors.v1.json")).toBe(true);
    expect(packed.has(INIT_EXAMPLE)).toBe(true);
  });

  it("leaves tests, sources and source maps out", () => {
    const extra = [...packed.keys()].filter(
      (f) =>
        /\.test\.|\.map$|test-support|-harness\.|(^|\/)fake-/.test(f) ||
        (/\.ts$/.test(f) && !f.endsWith(".d.ts") && f !== INIT_EXAMPLE) ||
        f.startsWith("dist/test/"),
    );
    expect(extra).toEqual([]);
  });

  it("needs nothing at run time that is not packed or a dependency (typescript included)", () => {
    const problems: string[] = [];
    for (const file of packed.keys()) {
      if (!file.endsWith(".js")) continue;
      const text = readFileSync(path.join(ROOT, file), "utf8");
      for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
        if (specifier.startsWith(".")) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
          if (!packed.has(target)) problems.push(`${file} imports ${specifier}: not packed`);
          continue;
        }
        const bare = specifier.replace(/^node:/, "");
        // A `node:` specifier names a built-in even when this Node lacks it (undici's lazy `node:sqlite`).
        if (
          specifier.startsWith("node:") ||
          builtinModules.includes(bare) ||
          bare === "cannectors" ||
          bare.startsWith("cannectors/")
        )
          continue;
        const name = bare.startsWith("@") ? bare.split("/").slice(0, 2).join("/") : (bare.split("/")[0] ?? bare);
        if (!Object.hasOwn(manifest.dependencies, name)) problems.push(`${file} imports ${name}: not a dependency`);
      }
    }
    expect(problems).toEqual([]);
  });
});
