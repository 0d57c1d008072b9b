/**
 * A state database that cannot be used stops every command that opens it with one line naming the
 * file and what to do, and exit code 4 — before any request, and without touching the file
 * (issue 12, item 10). An existing file without the schema (0 bytes, another program's database)
 * is refused, never taken for new state that would re-send every record.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStateStore } from "../runtime/state/index.js";
import { type CliResult, runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { waitFor } from "./support/spawn-cli.js";

/** Root ignores file modes: the permission cases run the CLI as `nobody` then. */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

let source: TestServer;
let target: TestServer;
let locker: ChildProcess | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  source = await startServer((_req, res) => sendJson(res, 200, { items: [{ id: 1 }] }));
  target = await startServer((_req, res) => sendJson(res, 200, {}));
});
afterAll(async () => {
  await Promise.all([source.close(), target.close()]);
});
afterEach(() => {
  locker?.kill("SIGKILL");
  locker = undefined;
  for (const dir of dirs.splice(0)) {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const polling = () => `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: faults }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output: { type: http, baseUrl: ${target.url}, path: /in }
`;
const webhook = () => `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: hooks }
input: { type: webhook, path: /hooks/in, verify: { type: none } }
output: { type: http, baseUrl: ${target.url}, path: /in }
`;

/** A state file cannectors made, with a saved cursor: what the faults below damage. */
async function realState(file: string): Promise<void> {
  const store = openStateStore(file);
  const executionId = await store.startExecution({
    connector: "faults",
    artifactHash: "h",
    dryRun: false,
    startedAt: 0,
  });
  await store.setCursor("faults", "2024-05-01", executionId);
  await store.close();
}

/** Deterministic garbage: the same bytes on every run. */
function garbage(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

interface Fault {
  name: string;
  /** Damages `file` (in `dir`); may start a process that holds the file. */
  setUp(dir: string, file: string): Promise<void> | void;
  want: RegExp;
  user?: { uid: number; gid: number } | undefined;
  /** Also checked under serve (the same opening path as run: a few faults are enough there). */
  serve?: boolean;
  /** The history stays readable (it needs no write). */
  historyReadable?: boolean;
}

const FAULTS: Fault[] = [
  {
    name: "garbage bytes",
    setUp: (_dir, file) => fs.writeFileSync(file, garbage(8192)),
    want: /is not an SQLite database .*restore it from a backup, or move it aside/,
    serve: true,
  },
  {
    name: "a file truncated to 0 bytes",
    setUp: (_dir, file) => fs.writeFileSync(file, ""),
    want: /exists but is empty \(0 bytes\).*restore it from a backup, or move it aside \(or delete it\) to start from empty state on purpose/,
    serve: true,
  },
  {
    name: "another program's SQLite database",
    setUp: (_dir, file) => {
      const db = new Database(file);
      db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')");
      db.close();
    },
    want: /is an SQLite database without the cannectors state schema .*give another path with --state/,
  },
  {
    name: "a state file truncated mid-way",
    setUp: async (_dir, file) => {
      await realState(file);
      fs.truncateSync(file, 4096);
    },
    want: /is damaged: restore it from a backup/,
  },
  {
    name: "an unwritable file",
    setUp: async (dir, file) => {
      await realState(file);
      fs.chmodSync(file, 0o444);
      fs.chmodSync(dir, 0o777);
    },
    want: /cannot be written .*fix the permissions, or give a writable path with --state/,
    user: UNPRIVILEGED,
    historyReadable: true,
  },
  {
    name: "a read-only folder",
    setUp: async (dir, file) => {
      await realState(file);
      fs.chmodSync(file, 0o666);
      fs.chmodSync(dir, 0o555);
    },
    want: /cannot be written \(the file or its folder is read-only/,
    serve: true,
    user: UNPRIVILEGED,
  },
  {
    name: "a file locked by another process",
    setUp: async (_dir, file) => {
      await realState(file);
      const hold = `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(file)});
        db.exec("BEGIN EXCLUSIVE"); db.exec("DELETE FROM leases"); console.log("locked"); setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ["-e", hold], {
        cwd: path.resolve(import.meta.dirname, ".."),
        stdio: "pipe",
      });
      locker = child;
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      await waitFor(() => out.includes("locked") || child.exitCode !== null, 10_000, "the lock");
    },
    want: /is locked by another process \(waited 5 s\): wait for that process or stop it/,
    historyReadable: true,
  },
  {
    name: "a folder where the file should be",
    setUp: (_dir, file) => fs.mkdirSync(file),
    want: /cannot be opened or created: check that its folder exists/,
  },
];

function workspace(fault: Fault) {
  const dir = fs.mkdtempSync(path.join(tmpdir(), "cannectors-state-fault-"));
  dirs.push(dir);
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, "polling.yaml"), polling(), { mode: 0o644 });
  fs.writeFileSync(path.join(dir, "hooks.yaml"), webhook(), { mode: 0o644 });
  return { dir, file: path.join(dir, "state.db"), options: { user: fault.user, timeoutMs: 30_000 } };
}

function fingerprint(file: string): string {
  const stat = fs.statSync(file);
  return stat.isDirectory() ? "dir" : createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** One line on stderr, naming the file, saying what to do; no stack trace. */
function expectStateFault(result: CliResult, file: string, want: RegExp): void {
  expect(result.code, result.stderr).toBe(4);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines.at(-1)).toContain(file);
  expect(lines.at(-1)).toMatch(want);
  expect(result.stderr).not.toMatch(/\n\s+at |SqliteError|CannectorsError/);
}

describe("state database faults", () => {
  it.each(FAULTS)("run: $name → exit 4, one line, nothing sent, the file untouched", async (fault) => {
    const ws = workspace(fault);
    await fault.setUp(ws.dir, ws.file);
    const before = fingerprint(ws.file);
    const requests = source.requests.length + target.requests.length;
    const result = await runCli(["run", path.join(ws.dir, "polling.yaml"), "--state", ws.file], ws.options);
    expectStateFault(result, ws.file, fault.want);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(source.requests.length + target.requests.length).toBe(requests);
    expect(fingerprint(ws.file)).toBe(before);
  });

  it.each(FAULTS.filter((fault) => fault.serve))("serve: $name → exit 4 before listening", async (fault) => {
    const ws = workspace(fault);
    await fault.setUp(ws.dir, ws.file);
    const args = ["serve", path.join(ws.dir, "hooks.yaml"), "--port", "0", "--state", ws.file, "--no-watch"];
    const result = await runCli(args, ws.options);
    expectStateFault(result, ws.file, fault.want);
    expect(result.stdout).not.toMatch(/listening/);
  });

  it.each(FAULTS)("executions list: $name", async (fault) => {
    const ws = workspace(fault);
    await fault.setUp(ws.dir, ws.file);
    const result = await runCli(["executions", "list", "--state", ws.file, "--json"], ws.options);
    if (fault.historyReadable) {
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject([{ connector: "faults" }]);
    } else {
      expectStateFault(result, ws.file, fault.want);
    }
  });

  it("a fault in the middle of a run (the cursor cannot be saved) fails it with exit 4 and says why", async () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), "cannectors-state-fault-"));
    dirs.push(dir);
    const file = path.join(dir, "state.db");
    await realState(file);
    // A process that takes the write lock on demand and holds it for 6 s: the run's cursor write waits
    // its 5 s and fails; recording the run's end waits for the lock to go and succeeds.
    const hold = `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(file)});
      process.stdin.once("data", () => { db.exec("BEGIN EXCLUSIVE"); db.exec("DELETE FROM cursors");
        console.log("locked"); setTimeout(() => { db.exec("ROLLBACK"); process.exit(0); }, 6000); });`;
    const child = spawn(process.execPath, ["-e", hold], {
      cwd: path.resolve(import.meta.dirname, ".."),
      stdio: "pipe",
    });
    locker = child;
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const lockingTarget = await startServer(async (_req, res) => {
      if (!out.includes("locked")) {
        child.stdin?.write("lock\n");
        await waitFor(() => out.includes("locked"), 10_000, "the lock");
      }
      sendJson(res, 200, {});
    });
    try {
      const yaml = polling()
        .replace(target.url, lockingTarget.url)
        .replace("records: items", "records: items, incremental: { cursorField: id, param: since }");
      fs.writeFileSync(path.join(dir, "polling.yaml"), yaml);
      const result = await runCli(["run", path.join(dir, "polling.yaml"), "--state", file], { timeoutMs: 30_000 });
      expect(result.code, result.stderr).toBe(4);
      expect(result.stderr).toMatch(/error: .*state database .*state\.db is locked by another process/);
      expect(result.stderr).not.toMatch(/\n\s+at |SqliteError/);
      const history = await runCli(["executions", "list", "--state", file, "--json"]);
      expect(JSON.parse(history.stdout)[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/locked/) });
    } finally {
      await lockingTarget.close();
    }
  });

  it("a file that does not exist yet is created, and only then is empty state taken as new", async () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), "cannectors-state-fault-"));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, "polling.yaml"), polling());
    const file = path.join(dir, "nested", "state.db");
    const result = await runCli(["run", path.join(dir, "polling.yaml"), "--state", file]);
    expect(result.code, result.stderr).toBe(0);
    // Built under a temporary name and linked into place: nothing else is left beside it.
    expect(fs.readdirSync(path.dirname(file)).filter((name) => !/^state\.db(-wal|-shm)?$/.test(name))).toEqual([]);
  });

  it("--help lists exit code 4", async () => {
    for (const args of [["--help"], ["run", "--help"]]) {
      const result = await runCli(args);
      expect(result.stdout).toMatch(/^\s+4\s+the state database cannot be used/m);
      expect(result.stdout).toMatch(/^\s+3\s+another run of the connector holds its lease/m);
    }
  });
});
