/**
 * Issue 14 item 7, end to end with the built CLI against a fake OAuth2 authorization server on
 * 127.0.0.1: `cannectors auth login` driven by a test acting as the browser, runs that refresh from
 * the stored token, rotation across a SIGKILL between the token response and the state write
 * (failpoints), and the clear error a revoked token gives.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStateStore } from "../runtime/state/index.js";
import { runCli } from "./support/cli.js";
import { type FakeOAuthOptions, type FakeOAuthServer, startFakeOAuthServer } from "./support/fake-oauth-server.js";
import { spawnCli, waitFor } from "./support/spawn-cli.js";

const KEY = "e2e state key, long enough";
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: FakeOAuthOptions = {}) {
  const server: FakeOAuthServer = await startFakeOAuthServer({
    clientSecret: "client-secret-value",
    records: [{ id: 1 }, { id: 2 }, { id: 3 }],
    ...options,
  });
  cleanups.push(() => server.close());
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-authcode-"));
  const file = path.join(dir, "crm.yaml");
  writeFileSync(
    file,
    `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: crm }
input:
  type: http
  baseUrl: ${server.url}
  path: /records
  auth:
    type: oauth2AuthorizationCode
    authorizationUrl: ${server.url}/authorize
    tokenUrl: ${server.url}/token
    clientId: client-1
    clientSecret: \${secret:CRM_CLIENT_SECRET}
    scopes: [read]
output: { type: http, baseUrl: ${server.url}, path: /sink, method: POST }
`,
  );
  const state = path.join(dir, "state.db");
  const env = { CRM_CLIENT_SECRET: "client-secret-value", CANNECTORS_STATE_KEY: KEY };
  const run = (extra: Record<string, string> = {}) =>
    runCli(["run", file, "--state", state, "--dead-letter", path.join(dir, "dl.ndjson"), "--json"], {
      env: { ...env, ...extra },
    });
  return { server, dir, file, state, env, run };
}

/** `auth login`, with the test as the browser: follow the printed URL, then the redirect to the loopback callback. */
async function login(t: Awaited<ReturnType<typeof setup>>) {
  const cli = spawnCli(["auth", "login", t.file, "--state", t.state, "--timeout", "20"], t.env);
  let out = "";
  cli.child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  await waitFor(() => /http:\/\/\S+\/authorize\?\S+/.test(out), 15_000, "the printed authorization URL");
  const url = /http:\/\/\S+\/authorize\?\S+/.exec(out)?.[0] ?? "";
  const params = new URL(url).searchParams;
  expect(params.get("code_challenge_method")).toBe("S256");
  expect(params.get("state")).toMatch(/^[\w-]{20,}$/);
  const authorize = await fetch(url, { redirect: "manual" });
  const callback = await fetch(authorize.headers.get("location") ?? "");
  expect(callback.status).toBe(200);
  return cli.exited;
}

describe("cannectors auth login and runs on a stored refresh token", { timeout: 90_000 }, () => {
  it("logs in through the loopback redirect, stores the token encrypted, and a run authenticates from it", async () => {
    const t = await setup();
    const done = await login(t);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("crm: authorized");
    const store = openStateStore(t.state);
    const stored = store.refreshTokens.get("crm");
    store.close();
    const [refreshToken] = t.server.liveRefreshTokens();
    expect((await stored)?.current).toMatch(/^v1\./);
    expect((await stored)?.current).not.toContain(refreshToken);
    const run = await t.run();
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "succeeded", counts: { sent: 3 } });
    expect(run.stderr + run.stdout).not.toContain(refreshToken);
    // Nowhere in the state database either (tables, execution logs, WAL), nor any access token.
    const files = [t.state, `${t.state}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f, "latin1"));
    const accessTokens = [...new Set(t.server.apiTokens())];
    expect(accessTokens.length).toBeGreaterThan(0);
    for (const secret of [refreshToken ?? "?", ...accessTokens, "client-secret-value"]) {
      for (const bytes of files) expect(bytes.includes(secret), secret).toBe(false);
    }
    expect(t.server.grants()).toEqual(["authorization_code", "refresh_token"]);
  });

  it("no state key: exit 2 before any request; another key: the run fails (exit 1) saying so, before any request", async () => {
    const t = await setup();
    expect((await login(t)).code).toBe(0);
    const before = t.server.requests.length;
    const noKey = await t.run({ CANNECTORS_STATE_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("CANNECTORS_STATE_KEY");
    expect(t.server.requests.length).toBe(before);
    const wrong = await t.run({ CANNECTORS_STATE_KEY: "not the key it was sealed with" });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout + wrong.stderr).toContain("is not the one it was stored with");
    expect(t.server.requests.length).toBe(before);
  });

  it("a revoked refresh token fails the run (exit 1) with an error naming `cannectors auth login FILE`", async () => {
    const t = await setup();
    expect((await login(t)).code).toBe(0);
    t.server.revokeAll();
    const run = await t.run();
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary.errorCode).toBe("CANNECTORS_E_AUTH_LOGIN_REQUIRED");
    expect(summary.error).toContain(`cannectors auth login ${t.file}`);
  });
});

describe("refresh-token rotation across a crash (SIGKILL at a failpoint)", { timeout: 90_000 }, () => {
  it("killed after the new token is written: the rerun refreshes with it", async () => {
    const t = await setup({ rotate: true });
    expect((await login(t)).code).toBe(0);
    const killed = await t.run({ CANNECTORS_FAILPOINT: "after-refresh-token-write" });
    expect(killed.signal).toBe("SIGKILL");
    const rerun = await t.run();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).counts.sent).toBe(3);
  });

  it("killed between the token response and the write, the provider keeping a grace: the rerun authenticates", async () => {
    const t = await setup({ rotate: true, graceUses: 1 });
    expect((await login(t)).code).toBe(0);
    const killed = await t.run({ CANNECTORS_FAILPOINT: "after-token-response" });
    expect(killed.signal).toBe("SIGKILL");
    const rerun = await t.run();
    expect(rerun.code, rerun.stderr).toBe(0);
    // And the rotation the rerun got is kept: a third run works too.
    expect((await t.run()).code).toBe(0);
  });

  it("killed between the token response and the write, the provider revoking at once: the documented clear error", async () => {
    const t = await setup({ rotate: true, graceUses: 0 });
    expect((await login(t)).code).toBe(0);
    const killed = await t.run({ CANNECTORS_FAILPOINT: "after-token-response" });
    expect(killed.signal).toBe("SIGKILL");
    const rerun = await t.run();
    expect(rerun.code).toBe(1);
    const summary = JSON.parse(rerun.stdout);
    expect(summary.errorCode).toBe("CANNECTORS_E_AUTH_LOGIN_REQUIRED");
    expect(summary.error).toContain("invalid_grant");
    expect(summary.error).toContain(`cannectors auth login ${t.file}`);
  });
});
