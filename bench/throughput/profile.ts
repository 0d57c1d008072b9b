/**
 * Profiles both programs of the throughput bench: `node dist/bench/throughput/profile.js
 * [--records N] [--mode batch|single] [--top N] [--dir D] [--interval µs]` starts the bench servers, runs the
 * baseline and `cannectors run` once each under `--cpu-prof`, and prints each profile's self time
 * by file and by function, from the first HTTP request on (start-up left out).
 */
import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runNode } from "./child.js";
import { type OutputMode, writeConnector } from "./connector-file.js";
import { built, CLI } from "./paths.js";
import { formatProfile, summariseProfile } from "./profile-summary.js";
import { startBenchServers } from "./servers.js";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "100000" },
    mode: { type: "string", default: "batch" },
    top: { type: "string", default: "25" },
    dir: { type: "string" },
    interval: { type: "string", default: "1000" },
  },
});
const records = Number(values.records);
const mode: OutputMode = values.mode === "single" ? "single" : "batch";
const dir = values.dir ?? mkdtempSync(path.join(tmpdir(), "cannectors-profile-"));
mkdirSync(dir, { recursive: true });
const servers = await startBenchServers({ records, seed: 7 });
try {
  const connector = writeConnector(dir, servers, mode);
  const programs = {
    baseline: [built("baseline"), "--source", servers.sourceUrl, "--target", servers.targetUrl, "--mode", mode],
    cannectors: [CLI, "run", connector, "--json", "--state", path.join(dir, "state.db"), "--log-level", "warn"],
  };
  for (const [name, args] of Object.entries(programs)) {
    await servers.reset();
    const profileDir = path.join(dir, name);
    const child = await runNode(
      ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-interval=${values.interval}`, ...args],
      { cwd: dir, cpu: true },
    );
    if (child.code !== 0) throw new Error(`${name} failed (exit ${child.code}):\n${child.stderr}`);
    const file = readdirSync(profileDir).find((each) => each.endsWith(".cpuprofile"));
    if (file === undefined) throw new Error(`${name}: no profile written in ${profileDir}`);
    const summary = summariseProfile(path.join(profileDir, file), child.work?.startUs);
    console.log(
      `# ${name}: ${records} records, ${mode} mode, work CPU ${child.work?.cpuMs.toFixed(0)} ms from ${child.work?.startUs} µs`,
    );
    console.log(formatProfile(summary, Number(values.top)));
  }
  console.log(`profiles in ${dir}`);
} finally {
  await servers.close();
}
