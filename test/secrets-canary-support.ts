/** Shared by the secrets-canary test files: canary values, misbehaving APIs, and the scan of everything a run leaves. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect } from "vitest";
import { type CliResult, runCli } from "./support/cli.js";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./support/http-server.js";

/** One canary per kind of secret; none of them may leave the process in any encoding. */
export const CANARY = {
  CANARY_API_KEY: "cnry-apikey-7f3a9c2e51d8",
  CANARY_CLIENT_ID: "cnry-client-id-2b6d04e9",
  CANARY_CLIENT_SECRET: "cnry-client-secret-c81f5a3e",
  CANARY_WEBHOOK_SECRET: "cnry-webhook-secret-94e0b7d2",
};
export const ACCESS_TOKEN = "cnry-access-token-5d2e8a61f0";

function forms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [
    secret,
    bytes.toString("base64"),
    bytes.toString("base64url"),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
    encodeURIComponent(secret),
  ];
}
export const BASIC = Buffer.from(`${CANARY.CANARY_CLIENT_ID}:${CANARY.CANARY_CLIENT_SECRET}`).toString("base64");
const NEEDLES = [...[...Object.values(CANARY), ACCESS_TOKEN].flatMap(forms), BASIC];

export function expectNoCanary(texts: Record<string, string>): void {
  expect(Object.keys(texts).length).toBeGreaterThan(2);
  for (const [where, text] of Object.entries(texts)) {
    for (const needle of NEEDLES) {
      expect(text.includes(needle), `${where} leaks ${needle.slice(0, 10)}…`).toBe(false);
    }
  }
}

const servers: TestServer[] = [];
/** Closes `server` after the test, like the ones `apis` starts. */
export function trackServer(server: TestServer): TestServer {
  servers.push(server);
  return server;
}

/** Registers the servers' cleanup in the calling test file. */
export function closeServersAfterEach(): void {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
}

type Behaviour = "ok" | "echo500" | "echo401";
const echo = (req: RecordedRequest) => ({ error: "no", youSent: req.headers, body: req.body, url: req.url });

/** A source (API key), a token endpoint (client credentials) and a target (bearer), each able to misbehave by echoing what it got. */
export async function apis(behaviour: { source?: Behaviour; token?: Behaviour; target?: Behaviour }) {
  const source = await startServer((req, res) => {
    if (behaviour.source === "echo401") return sendJson(res, 401, echo(req));
    const ok = req.headers["x-api-key"] === CANARY.CANARY_API_KEY;
    sendJson(
      res,
      ok ? 200 : 403,
      ok
        ? {
            items: [
              { id: "a", k: 1 },
              { id: "b", k: 2 },
              { id: "c", k: 3 },
            ],
          }
        : {},
    );
  });
  const target = await startServer((req, res) => {
    if (req.url === "/oauth/token") {
      if (behaviour.token === "echo500") return sendJson(res, 500, echo(req));
      const ok = req.headers.authorization === `Basic ${BASIC}`;
      return sendJson(res, ok ? 200 : 401, ok ? { access_token: ACCESS_TOKEN, expires_in: 3600 } : echo(req));
    }
    if (behaviour.target === "echo500") return sendJson(res, 500, echo(req));
    const ok = req.headers.authorization === `Bearer ${ACCESS_TOKEN}`;
    sendJson(res, ok ? 200 : 401, ok ? { stored: req.body, auth: req.headers.authorization } : echo(req));
  });
  servers.push(source, target);
  return { source, target };
}

export function connector(source: string, target: string, extra = ""): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: canary }
input:
  type: http
  baseUrl: ${source}
  path: /items
  auth: { type: apiKey, in: header, name: X-API-Key, value: "\${env:CANARY_API_KEY}" }
  records: items
output:
  type: http
  baseUrl: ${target}
  path: /sink
  batch: { size: 2 }
  headers: { X-Trace: "k=\${env:CANARY_API_KEY}&w=\${env:CANARY_WEBHOOK_SECRET}" }
  auth:
    type: oauth2ClientCredentials
    tokenUrl: ${target}/oauth/token
    clientId: "\${env:CANARY_CLIENT_ID}"
    clientSecret: "\${env:CANARY_CLIENT_SECRET}"
settings:
  retries: { maxAttempts: 2, initialDelay: 10ms, maxDelay: 20ms }
${extra}`;
}

export function workspace(yaml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-canary-"));
  const file = path.join(dir, "connector.yaml");
  writeFileSync(file, yaml);
  const env = { ...CANARY, CANNECTORS_STATE: path.join(dir, "state.db") };
  const write = (text: string) => writeFileSync(file, text);
  return { dir, file, env, write, args: ["run", file, "--dead-letter", path.join(dir, "dead.ndjson")] };
}

/** stdout and stderr of each command, every file the runs left (SQLite and its WAL, dead letter, plan), and the history. */
export async function everything(
  ws: ReturnType<typeof workspace>,
  results: CliResult[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  results.forEach((r, i) => {
    out[`stdout#${i}`] = r.stdout;
    out[`stderr#${i}`] = r.stderr;
  });
  // The history's own rendering of the latest run (the SQLite bytes below hold every run's logs).
  const list = await runCli(["executions", "list", "--json", "--limit", "1"], { env: ws.env });
  out["executions list"] = list.stdout + list.stderr;
  const latest = (JSON.parse(list.stdout || "[]") as { id: string }[])[0];
  if (latest) {
    const logs = await runCli(["executions", "logs", latest.id, "--json"], { env: ws.env });
    out[`logs ${latest.id}`] = logs.stdout + logs.stderr;
  }
  for (const name of readdirSync(ws.dir)) {
    if (name !== "connector.yaml") out[name] = readFileSync(path.join(ws.dir, name)).toString("latin1");
  }
  return out;
}

export const DEBUG = ["--log-level", "debug", "--log-format", "json"];
