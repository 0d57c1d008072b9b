import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { type RunOptions, type RunSummary, runConnector } from "../../runtime/engine/run.js";
import { openStateStore } from "../../runtime/state/index.js";
import { validateArtifact } from "../../runtime/validate/index.js";

export interface YamlRun {
  summary: RunSummary;
  /** The dead-letter file's lines, as written (none when nothing failed). */
  dead: string[];
}

/** Validates `yaml` (it must have no errors; warnings are allowed) and runs it once on a fresh state database. */
export async function runYaml(
  yaml: string,
  options: Partial<Omit<RunOptions, "artifact" | "store">> = {},
): Promise<YamlRun> {
  const { artifact, diagnostics } = validateArtifact(yaml, "test.yaml");
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-yaml-"));
  const store = openStateStore(path.join(dir, "state.db"));
  const deadLetterPath = path.join(dir, "dead.ndjson");
  try {
    const summary = await runConnector({ env: {}, deadLetterPath, ...options, artifact: artifact!, store });
    let dead: string[] = [];
    try {
      dead = readFileSync(deadLetterPath, "utf8").trim().split("\n");
    } catch {}
    return { summary, dead };
  } finally {
    store.close();
  }
}
