/**
 * Issue 13, done when: what a new user does in the first hour, in a fresh folder outside the
 * repository. `npm pack`, install the tarball, `cannectors init --yes`, plain `tsc --noEmit`,
 * `check`, `run` of the `.ts` connector against the demo APIs, and the project's own tests.
 *
 * Offline-capable: packages come from npm's cache when it holds them (`--prefer-offline`), and
 * better-sqlite3's install script finds its native binding as a local prebuild (the one this
 * repository's install produced) instead of downloading or compiling it: a real install script
 * run, minutes shorter.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ENV } from "./support/demo-connector.js";
import { ROOT } from "./support/cli.js";

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), "cannectors-first-hour-"));
const project = path.join(work, "my-connectors");
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: "1",
  npm_config_better_sqlite3_local_prebuilds: path.join(work, "prebuilds"),
};
let demo: ChildProcess | undefined;

afterAll(() => {
  demo?.kill("SIGTERM");
});

/** A command in the project, as the user types it; its output when it fails. */
async function sh(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  try {
    return await run(command, args, { cwd: project, env: { ...env, ...extraEnv }, maxBuffer: 1 << 24 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

/** better-sqlite3's binding as a prebuild archive, where its install script looks first. */
async function localPrebuild(): Promise<void> {
  const sqlite = path.join(ROOT, "node_modules/better-sqlite3");
  const { version } = JSON.parse(readFileSync(path.join(sqlite, "package.json"), "utf8")) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(env.npm_config_better_sqlite3_local_prebuilds, { recursive: true });
  await run(
    "tar",
    ["czf", path.join(env.npm_config_better_sqlite3_local_prebuilds, name), "build/Release/better_sqlite3.node"],
    {
      cwd: sqlite,
    },
  );
}

/** `cannectors demo-apis` on free ports; resolves with their URLs once it listens. */
function startDemoApis(): Promise<{ crm: string; erp: string }> {
  demo = spawn(
    path.join(project, "node_modules/.bin/cannectors"),
    ["demo-apis", "--crm-port", "0", "--erp-port", "0"],
    {
      cwd: project,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    demo?.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const crm = /demo CRM\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const erp = /demo ERP\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (crm && erp) resolve({ crm, erp });
    });
    demo?.on("exit", (code) => reject(new Error(`demo-apis exited with ${code}: ${out}`)));
  });
}

describe("a new user's first hour", () => {
  it("pack, install, init, tsc, check, run against the demo APIs, the project's tests", async () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    // The suite has built dist/ already (npm test builds first): --ignore-scripts skips prepack's rebuild.
    const packed = await run("npm", ["pack", "--ignore-scripts", "--pack-destination", work, "--json"], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    await localPrebuild();
    mkdirSync(project);
    await sh("npm", ["init", "-y"]);
    const installed = await sh("npm", ["i", "--prefer-offline", "--no-audit", "--no-fund", path.join(work, filename)]);
    expect(installed.stderr).not.toMatch(/cannectors@[^\s]+ \((?:pre|post)?install/);
    expect((await sh("npx", ["cannectors", "--version"])).stdout.trim()).toBe(manifest.version);

    await sh("npx", ["cannectors", "init", "--yes"]);
    await sh("npm", ["i", "--prefer-offline", "--no-audit", "--no-fund"]);
    await sh("npx", ["tsc", "--noEmit"]);
    await sh("npx", ["cannectors", "check"]);

    // The example connector calls the demo APIs on 4010/4020; here they listen on free ports.
    const urls = await startDemoApis();
    const connector = path.join(project, "connectors/crm-to-erp.ts");
    writeFileSync(
      connector,
      readFileSync(connector, "utf8")
        .replaceAll("http://127.0.0.1:4010", urls.crm)
        .replaceAll("http://127.0.0.1:4020", urls.erp),
    );
    const ran = await sh("npx", ["cannectors", "run", "connectors/crm-to-erp.ts", "--json"], DEMO_ENV);
    const summary = JSON.parse(ran.stdout) as { status: string; counts: { sent: number; failed: number } };
    expect(summary.status).toBe("succeeded");
    expect(summary.counts.sent).toBeGreaterThan(0);
    const stats = (await (await fetch(`${urls.erp}/_stats`)).json()) as { clients: number };
    expect(stats.clients).toBe(summary.counts.sent);

    await sh("npm", ["test"]);
  }, 300_000);
});
