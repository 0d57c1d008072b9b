import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStateStore, PRAGMAS, SQL } from "./index.js";

/** The package root, so the child's bare `better-sqlite3` import resolves. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const T0 = Date.parse("2024-05-01T10:00:00.000Z");

/** A child using the store's own pragmas and statements, with no TypeScript in the way. */
const CHILD = `
import Database from "better-sqlite3";
const { file, pragmas, sql, executionId } = JSON.parse(process.env.CANNECTORS_TEST_CHILD);
const db = new Database(file);
for (const pragma of pragmas) db.pragma(pragma);
{
  const setCursor = db.prepare(sql.setCursor);
  const appendLog = db.prepare(sql.appendLog);
  const step = db.transaction((n) => {
    appendLog.run({ id: executionId, time: new Date().toISOString(), level: "info", message: "page " + n, fields: "{}" });
    setCursor.run({ connector: "crash", value: String(n), updatedAt: new Date().toISOString(), executionId });
  });
  for (let n = 1; ; n++) {
    step.immediate(n);
    if (n % 25 === 0) process.stdout.write(n + "\\n");
  }
}
`;

let dir: string;
let child: ChildProcess | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-crash-"));
});
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function spawnChild(config: Record<string, unknown>): ChildProcess {
  const env = { ...process.env, CANNECTORS_TEST_CHILD: JSON.stringify({ pragmas: PRAGMAS, sql: SQL, ...config }) };
  return spawn(process.execPath, ["--input-type=module", "-e", CHILD], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const exited = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));

describe("crash safety", () => {
  it("a writer SIGKILLed mid-loop leaves an intact database and its last committed cursor", async () => {
    const file = path.join(dir, "state.db");
    const store = openStateStore(file);
    const executionId = await store.startExecution({
      connector: "crash",
      artifactHash: "h",
      dryRun: false,
      startedAt: T0,
    });
    await store.close();

    const proc = spawnChild({ file, mode: "loop", executionId });
    child = proc;
    let stderr = "";
    proc.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lastReported = await new Promise<number>((resolve, reject) => {
      let buffered = "";
      proc.stdout?.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n").filter(Boolean);
        const last = Number(lines[lines.length - 1]);
        // Kill while it is busy writing, after enough commits to matter.
        if (last >= 200) {
          proc.kill("SIGKILL");
          resolve(last);
        }
      });
      proc.once("exit", () => reject(new Error(`child exited early: ${stderr}`)));
    });
    await exited(proc);
    expect(proc.signalCode).toBe("SIGKILL");

    const reopened = openStateStore(file);
    try {
      expect(await reopened.integrityCheck()).toBe("ok");
      const cursor = Number(await reopened.getCursor("crash"));
      expect(cursor).toBeGreaterThanOrEqual(lastReported);
      // Log and cursor were written in one transaction: they never disagree.
      const logs = await reopened.getLogs(executionId);
      expect(logs).toHaveLength(cursor);
      expect(logs[logs.length - 1]?.message).toBe(`page ${cursor}`);
    } finally {
      await reopened.close();
    }
  });
});
