/**
 * Start-up cost as users see it: the wall time of whole `cannectors` processes, next to `node -e 0`
 * measured in the same run, interleaved so that a busy machine weighs on all three alike.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { median, runNode } from "../throughput/child.js";
import { writeConnector } from "../throughput/connector-file.js";
import { CLI } from "../throughput/paths.js";
import { startBenchServers } from "../throughput/servers.js";

/** What a row times: Node alone (the floor), `--version`, or `run` of the 10-record connector. */
export type StartupKind = "node" | "version" | "run";

/** A build to time: this checkout's by default; another (`--compare`) for before/after figures in one run. */
export interface CliUnderTest {
  label: string;
  path: string;
}

export interface StartupSample {
  command: string;
  kind: StartupKind;
  /** Wall milliseconds of each run, in run order. */
  wallMs: number[];
  medianMs: number;
}

export interface StartupResult {
  runs: number;
  samples: StartupSample[];
}

/** The bench's 10-record job: its real source and target on 127.0.0.1, batch output, a fresh state each run. */
export async function measureStartup(
  runs: number,
  seed: number,
  clis: readonly CliUnderTest[] = [{ label: "cannectors", path: CLI }],
): Promise<StartupResult> {
  const servers = await startBenchServers({ records: 10, seed });
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-startup-"));
  const connector = writeConnector(dir, servers, "batch");
  const samples: StartupSample[] = [];
  const time = async (command: string, kind: StartupKind, args: string[], expectOut?: RegExp) => {
    const run = await runNode(args, { cwd: dir });
    if (run.code !== 0 || (expectOut && !expectOut.test(run.stdout))) {
      throw new Error(`start-up bench: ${command} failed (exit ${run.code}): ${run.stderr || run.stdout}`);
    }
    let sample = samples.find((s) => s.command === command);
    if (!sample) {
      sample = { command, kind, wallMs: [], medianMs: 0 };
      samples.push(sample);
    }
    sample.wallMs.push(run.wallMs);
  };
  try {
    for (let i = 0; i < runs; i++) {
      await time("node -e 0", "node", ["-e", "0"]);
      for (const cli of clis) {
        await time(`${cli.label} --version`, "version", [cli.path, "--version"], /^\d+\.\d+\.\d+/);
        const state = path.join(dir, `state-${cli.label}-${i}.db`);
        const args = [cli.path, "run", connector, "--json", "--state", state, "--log-level", "warn"];
        // A run that read nothing would be fast for the wrong reason: its summary must show the 10 records.
        await time(`${cli.label} run (10 records)`, "run", args, /"read":10\b/);
      }
    }
  } finally {
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const sample of samples) sample.medianMs = median(sample.wallMs);
  return { runs, samples };
}
