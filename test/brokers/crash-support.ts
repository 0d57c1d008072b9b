/**
 * The crash window shared by the broker crash tests: the built CLI runs the connector with the
 * `after-ack-before-commit` failpoint, which SIGKILLs it once the output acknowledged the first
 * record and before the broker heard of it (`npm run build` first).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { spawnCli } from "../support/spawn-cli.js";

/** The five records every crash test puts on its input: `{"id":0..4,"region":"eu"}`. */
export const CRASH_BODIES = Array.from({ length: 5 }, (_, id) => `{"id":${id},"region":"eu"}`);

/** Runs `yaml` with one batch in flight (`concurrency: 1`) until the failpoint kills it; returns that YAML. */
export async function runUntilKilled(yaml: string): Promise<string> {
  const single = yaml.replace("concurrency: 4", "concurrency: 1");
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-broker-crash-"));
  const file = path.join(dir, "connector.yaml");
  writeFileSync(file, single);
  const crashed = spawnCli(
    ["run", file, "--state", path.join(dir, "state.db"), "--dead-letter", path.join(dir, "dead.ndjson")],
    { CANNECTORS_FAILPOINT: "after-ack-before-commit" },
  );
  const exit = await crashed.exited;
  expect(exit.signal, exit.stderr).toBe("SIGKILL");
  return single;
}
