import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./support/http-server.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface TokenPolicy {
  expiresIn?: number;
  /** Token requests answered 500 before the endpoint recovers. */
  failFirst?: number;
  /** Whether the API accepts a token; default: the latest one. */
  accepts?: (token: string, latest: string) => boolean;
  apiDelayMs?: number;
}

/** A source of `count` records, and one server that is both the token endpoint and the target API. */
async function setup(count: number, policy: TokenPolicy, output: string) {
  const source = await startServer((_req, res) =>
    sendJson(res, 200, { items: Array.from({ length: count }, (_, i) => ({ id: `r${i}` })) }),
  );
  let issued = 0;
  const issuedAt = new Map<string, number>();
  const seen: { token: string; age: number; status: number }[] = [];
  const api = await startServer(async (req, res) => {
    if (req.url === "/oauth/token") {
      if (tokenRequests().length <= (policy.failFirst ?? 0)) {
        return sendJson(res, 500, { error: "token service down" });
      }
      issued++;
      issuedAt.set(`tok-${issued}`, Date.now());
      return sendJson(res, 200, { access_token: `tok-${issued}`, expires_in: policy.expiresIn ?? 3600 });
    }
    if (policy.apiDelayMs) await new Promise((resolve) => setTimeout(resolve, policy.apiDelayMs));
    const token = String(req.headers.authorization).replace(/^Bearer /, "");
    const latest = `tok-${issued}`;
    const status = (policy.accepts ?? ((t, l) => t === l))(token, latest) ? 200 : 401;
    seen.push({ token, age: Date.now() - (issuedAt.get(token) ?? 0), status });
    sendJson(res, status, {});
  });
  servers.push(source, api);
  const tokenRequests = (): RecordedRequest[] => api.requests.filter((r) => r.url === "/oauth/token");
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: oauth }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output:
  type: http
  baseUrl: ${api.url}
  path: /records
  auth: { type: oauth2ClientCredentials, tokenUrl: ${api.url}/oauth/token, clientId: id, clientSecret: secret }
${output}`;
  const { artifact, diagnostics } = validateArtifact(yaml, "oauth.yaml");
  expect(diagnostics).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-oauth-"));
  const store = openStateStore(path.join(dir, "state.db"));
  const run = async () => {
    try {
      return await runConnector({ artifact: artifact!, store, env: {}, deadLetterPath: path.join(dir, "dl.ndjson") });
    } finally {
      store.close();
    }
  };
  return { run, seen, tokenRequests };
}

describe("OAuth2 client credentials in a run", () => {
  it("50 requests in flight at start share one token request", async () => {
    const t = await setup(50, { apiDelayMs: 50 }, "settings: { concurrency: 50 }\n");
    const summary = await t.run();
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 50 } });
    expect(t.tokenRequests()).toHaveLength(1);
    expect(t.seen).toHaveLength(50);
    expect(new Set(t.seen.map((s) => s.token))).toEqual(new Set(["tok-1"]));
  });

  it("expires_in: 5 → the token is replaced before it expires, and no request carries an expired one", async () => {
    const fresh = (token: string, latest: string) => token === latest || token === `tok-${Number(latest.slice(4)) - 1}`;
    const t = await setup(30, { expiresIn: 5, apiDelayMs: 100, accepts: fresh }, "settings: { concurrency: 1 }\n");
    const summary = await t.run();
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 30 } });
    // 30 requests of 100 ms: about 3 s, past the refresh point (half of a lifetime shorter than refreshBefore).
    expect(t.tokenRequests().length).toBeGreaterThanOrEqual(2);
    expect(t.seen.every((s) => s.status === 200)).toBe(true);
    expect(Math.max(...t.seen.map((s) => s.age))).toBeLessThan(5_000);
  });

  it("a 401 gets one refresh and one retry, never a loop: an API that always refuses costs two requests a record", async () => {
    const t = await setup(3, { accepts: () => false }, "settings: { concurrency: 1 }\n");
    const summary = await t.run();
    expect(summary).toMatchObject({ status: "failed", counts: { sent: 0, failed: 3 } });
    expect(t.seen).toHaveLength(6);
    expect(t.tokenRequests()).toHaveLength(4);
  });

  it("a token revoked mid-run: one 401, one refresh, the same request again, then on", async () => {
    let revoked = false;
    const accepts = (token: string, latest: string) => {
      if (token === "tok-1" && !revoked) {
        revoked = true;
        return false;
      }
      return token === latest;
    };
    const t = await setup(5, { accepts }, "settings: { concurrency: 1 }\n");
    const summary = await t.run();
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 5 } });
    expect(t.tokenRequests()).toHaveLength(2);
    expect(t.seen.map((s) => s.status)).toEqual([401, 200, 200, 200, 200, 200]);
  });

  it("a token endpoint answering 500 is retried with growing backoff, then the run goes on", async () => {
    const settings = "settings:\n  retries: { maxAttempts: 5, initialDelay: 100ms, maxDelay: 2s, jitter: none }\n";
    const t = await setup(2, { failFirst: 3 }, `batch: { size: 2 }\n${settings}`.replace(/^batch/, "  batch"));
    const summary = await t.run();
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 2 } });
    const at = t.tokenRequests().map((r) => r.at);
    expect(at).toHaveLength(4);
    const gaps = at.slice(1).map((time, i) => time - at[i]!);
    // 100, 200, 400 ms without jitter (a little early is timer slack; never a tight loop).
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThanOrEqual(180);
    expect(gaps[2]).toBeGreaterThanOrEqual(360);
  });
});
