import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStateStore } from "../../runtime/state/index.js";
import { registerExecutionsCommand } from "./executions.js";

const T0 = Date.parse("2024-05-01T10:00:00.000Z");
let dir: string;
let statePath: string;
let ids: { ok: string; partial: string; running: string };

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-cli-"));
  statePath = path.join(dir, "state.db");
  const store = openStateStore(statePath);
  const start = (connector: string, offset: number, dryRun = false) =>
    store.startExecution({ connector, artifactHash: "sha256:abc", dryRun, startedAt: T0 + offset });
  const ok = await start("crm-sync", 0);
  await store.appendLog(ok, {
    time: "2024-05-01T10:00:00.100Z",
    level: "info",
    message: "run started",
    fields: { page: 1 },
  });
  await store.appendLog(ok, { time: "2024-05-01T10:00:01.200Z", level: "warn", message: "slow page", fields: {} });
  await store.finishExecution(ok, {
    status: "succeeded",
    endedAt: T0 + 2500,
    counts: { read: 120, filtered: 20, sent: 100, failed: 0 },
  });
  const partial = await start("billing", 60_000, true);
  await store.finishExecution(partial, {
    status: "partial",
    endedAt: T0 + 60_000 + 125_000,
    counts: { read: 5, filtered: 0, sent: 4, failed: 1 },
    error: "1 record dead-lettered",
  });
  const running = await start("crm-sync", 120_000);
  ids = { ok, partial, running };
  await store.close();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const result = { stdout: "", stderr: "", exitCode: 0 };
  const program = new Command().exitOverride().configureOutput({
    writeErr: (text) => {
      result.stderr += text;
    },
  });
  registerExecutionsCommand(program, () => statePath, {
    stdout: (text) => {
      result.stdout += text;
    },
    stderr: (text) => {
      result.stderr += text;
    },
    color: false,
    setExitCode: (code) => {
      result.exitCode = code;
    },
  });
  await program.parseAsync(["node", "cannectors", "executions", ...args]);
  return result;
}

describe("executions list", () => {
  it("--json gives every row, newest first", async () => {
    const { stdout, exitCode } = await run("list", "--json");
    expect(exitCode).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; status: string; counts: { sent: number } }[];
    expect(rows.map((r) => r.id)).toEqual([ids.running, ids.partial, ids.ok]);
    expect(rows.map((r) => r.status)).toEqual(["running", "partial", "succeeded"]);
    expect(rows[2]?.counts.sent).toBe(100);
  });

  const filters: { args: string[]; want: () => string[] }[] = [
    { args: ["--connector", "crm-sync"], want: () => [ids.running, ids.ok] },
    { args: ["--limit", "1"], want: () => [ids.running] },
    { args: ["--connector", "billing", "--limit", "5"], want: () => [ids.partial] },
    { args: ["--connector", "nobody"], want: () => [] },
  ];
  for (const { args, want } of filters) {
    it(`${args.join(" ")} filters the rows`, async () => {
      const rows = JSON.parse((await run("list", "--json", ...args)).stdout) as { id: string }[];
      expect(rows.map((r) => r.id)).toEqual(want());
    });
  }

  it("prints an aligned table for humans", async () => {
    const { stdout } = await run("list");
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ID\s+CONNECTOR\s+STATUS\s+STARTED\s+DURATION\s+READ\s+FILTERED\s+SENT\s+FAILED$/);
    const okLine = lines.find((line) => line.startsWith(ids.ok)) ?? "";
    expect(okLine).toMatch(/crm-sync\s+succeeded\s+2024-05-01 10:00:00Z\s+2\.5s\s+120\s+20\s+100\s+0$/);
    expect(lines.find((line) => line.startsWith(ids.partial))).toMatch(
      /partial \(dry run\)\s+\S+ \S+\s+2m05s\s+5\s+0\s+4\s+1$/,
    );
    expect(lines.find((line) => line.startsWith(ids.running))).toMatch(/running\s+2024-05-01 10:02:00Z\s+running\s+0/);
    // Aligned: every column starts at the same offset on every line.
    const statusColumn = lines[0]?.indexOf("STATUS");
    for (const line of lines.slice(1))
      expect(line.slice(statusColumn).match(/^(running|partial|succeeded)/)).not.toBeNull();
    expect(stdout).not.toContain("\u001b[");
  });

  it("rejects a limit that is not a positive number", async () => {
    await expect(run("list", "--limit", "zero")).rejects.toThrow(/positive whole number/);
  });

  it("reads a missing state database as empty without creating it", async () => {
    statePath = path.join(dir, "absent", "state.db");
    expect(JSON.parse((await run("list", "--json")).stdout)).toEqual([]);
    expect((await run("list")).stderr).toMatch(/no executions recorded/);
    expect(fs.existsSync(statePath)).toBe(false);
  });
});

describe("executions show", () => {
  it("--json prints the full row, found by a unique prefix", async () => {
    const { stdout } = await run("show", ids.partial.slice(0, 20), "--json");
    expect(JSON.parse(stdout)).toMatchObject({
      id: ids.partial,
      connector: "billing",
      status: "partial",
      dryRun: true,
      error: "1 record dead-lettered",
      counts: { read: 5, filtered: 0, sent: 4, failed: 1 },
    });
  });

  it("prints every field for humans", async () => {
    const { stdout } = await run("show", ids.partial);
    for (const want of [
      new RegExp(`^id:\\s+${ids.partial}$`, "m"),
      /^status:\s+partial$/m,
      /^dry run:\s+yes$/m,
      /^artifact hash:\s+sha256:abc$/m,
      /^started:\s+2024-05-01T10:01:00.000Z$/m,
      /^ended:\s+2024-05-01T10:03:05.000Z$/m,
      /^duration:\s+2m05s$/m,
      /^records failed:\s+1$/m,
      /^error:\s+1 record dead-lettered$/m,
    ]) {
      expect(stdout).toMatch(want);
    }
  });

  it("an unknown id prints on stderr and exits 1", async () => {
    const { stdout, stderr, exitCode } = await run("show", "deadbeef");
    expect(stdout).toBe("");
    expect(stderr).toMatch(/no execution deadbeef in /);
    expect(exitCode).toBe(1);
  });

  it("an ambiguous prefix is refused with exit code 1", async () => {
    let common = 0;
    while (ids.ok[common] === ids.partial[common] && ids.ok[common] === ids.running[common]) common++;
    const { stdout, stderr, exitCode } = await run("show", ids.ok.slice(0, common));
    expect(stdout).toBe("");
    expect(stderr).toMatch(/ambiguous/);
    expect(exitCode).toBe(1);
  });
});

describe("executions logs", () => {
  it("prints the pretty lines in order", async () => {
    const { stdout } = await run("logs", ids.ok);
    expect(stdout).toBe("10:00:00.100 INFO  run started page=1\n10:00:01.200 WARN  slow page\n");
  });

  it("--json prints one object a line", async () => {
    const lines = (await run("logs", ids.ok, "--json")).stdout.trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { time: "2024-05-01T10:00:00.100Z", level: "info", message: "run started", page: 1 },
      { time: "2024-05-01T10:00:01.200Z", level: "warn", message: "slow page" },
    ]);
  });

  it("an unknown id exits 1", async () => {
    const { stderr, exitCode } = await run("logs", "0000");
    expect(stderr).toMatch(/no execution 0000/);
    expect(exitCode).toBe(1);
  });
});
