import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";

const UNDICI = "NativeModule internal/deps/undici/undici";

/** What a fresh process loaded once `script` ran (the test's own process has Node's undici already). */
function loadedBy(script: string): { nodeUndici: boolean; navigator: string; pool: string } {
  const out = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `${script}
const nodeUndici = process.moduleLoadList.includes(${JSON.stringify(UNDICI)});
console.log(JSON.stringify({ nodeUndici, navigator: typeof globalThis.navigator, pool: typeof pg.Pool }));`,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  return JSON.parse(out);
}

describe("loadPg", () => {
  it("loads pg without its Cloudflare probe loading Node's own undici, and leaves no navigator behind", () => {
    const driver = pathToFileURL(path.join(ROOT, "dist/runtime/sql/pg-driver.js")).href;
    expect(loadedBy(`const { loadPg } = await import(${JSON.stringify(driver)}); const pg = loadPg();`)).toEqual({
      nodeUndici: false,
      navigator: process.versions.node.startsWith("20.") ? "undefined" : "object",
      pool: "function",
    });
  });

  it("is needed: pg loaded as it is does load Node's undici (when this fails, pg dropped the probe: loadPg can go)", () => {
    if (!process.versions.node.startsWith("20.")) return; // Node 21+ has a navigator: no probe to avoid
    expect(loadedBy(`const { default: pg } = await import("pg");`).nodeUndici).toBe(true);
  });
});
