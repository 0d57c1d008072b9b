import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFailpoint } from "./failpoint.js";

describe("parseFailpoint", () => {
  it.each([
    { given: undefined, want: undefined },
    { given: "", want: undefined },
    { given: "after-ack-before-commit", want: { name: "after-ack-before-commit", hit: 1 } },
    { given: "before-send:7", want: { name: "before-send", hit: 7 } },
    { given: "before-send:0", want: undefined },
    { given: "before-send:x", want: undefined },
    { given: "before-sned", want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(parseFailpoint(given)).toEqual(want);
  });
});

/** The compiled module: Node 20 cannot import TypeScript, and the CLI tests build dist/ anyway. */
const MODULE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/runtime/failpoints/failpoint.js");

/** A child that passes both points three times, printing each round. */
function runChild(env: string | undefined) {
  if (!existsSync(MODULE)) throw new Error(`${MODULE} is missing: run \`npm run build\` first (npm test does)`);
  const script = `const { failpoint } = await import(${JSON.stringify(MODULE)});
for (let i = 1; i <= 3; i++) { failpoint("after-ack-before-commit"); failpoint("before-send"); process.stdout.write(i + "\\n"); }`;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH, ...(env === undefined ? {} : { CANNECTORS_FAILPOINT: env }) },
    encoding: "utf8",
  });
}

describe("failpoint", () => {
  it.each([
    { env: undefined, printed: "1\n2\n3\n", signal: null },
    { env: "before-send:2", printed: "1\n", signal: "SIGKILL" },
    { env: "after-ack-before-commit", printed: "", signal: "SIGKILL" },
    { env: "nonsense:1", printed: "1\n2\n3\n", signal: null },
  ])("CANNECTORS_FAILPOINT=$env kills at the armed hit only", ({ env, printed, signal }) => {
    const child = runChild(env);
    expect(child.stderr).toBe("");
    expect(child.stdout).toBe(printed);
    expect(child.signal).toBe(signal);
  });
});
