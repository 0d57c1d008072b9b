import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startDemoApis } from "../examples/demo-apis/index.js";
import { ROOT, runCli } from "./support/cli.js";
import { DEMO_ENV, demoWorkspace, runArgs } from "./support/demo-connector.js";
import { sendJson, startServer } from "./support/http-server.js";

const API_KEY = "src-key-71c0ffee";
const TOKEN = "tgt-token-9abc1234";
// A record holding the same text as a secret: record data is kept exact, only credentials are masked.
const RECORDS = [
  { id: 1, name: "Ana", note: API_KEY },
  { id: 2, name: "Bo", note: "plain" },
  { id: 3, name: "Cy", note: "plain" },
];

function artifact(source: string, target: string, label = "record.name") {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: replayed }
input:
  type: http
  baseUrl: ${source}
  path: /items
  records: items
  auth: { type: apiKey, in: query, name: key, value: "\${env:SRC_KEY}" }
  pagination: { type: cursor, cursorPath: next, cursorParam: cursor }
filters:
  - type: map
    fields:
      - { target: id, from: id }
      - { target: label, expr: ${label} }
      - { target: note, from: note }
output:
  type: http
  baseUrl: ${target}
  path: /clients
  auth: { type: bearer, token: "\${env:TGT_TOKEN}" }
  idempotency: { key: string(record.id) }
settings:
  retries: { maxAttempts: 3, initialDelay: 10ms, maxDelay: 20ms }
`;
}

describe("run --record DIR, then cannectors test --fixtures DIR with no network", () => {
  it("records exchanges without secrets, replays them offline, and reports a changed mapping as a difference", async () => {
    let pageTwoTries = 0;
    const source = await startServer((req, res) => {
      const cursor = new URL(req.url, "http://x").searchParams.get("cursor");
      if (cursor === "2" && pageTwoTries++ === 0) return sendJson(res, 503, { error: "busy" });
      if (cursor === "2") return sendJson(res, 200, { items: RECORDS.slice(2), next: null });
      res.writeHead(200, { "content-type": "application/json" });
      // Raw text: the big integer must survive as written.
      res.end(
        `{"items":[{"id":1,"name":"Ana","note":"${API_KEY}","big":9007199254740993},{"id":2,"name":"Bo","note":"plain"}],"next":"2"}`,
      );
    });
    const target = await startServer((_req, res) => sendJson(res, 201, { ok: true }));
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-fixtures-"));
    const connector = path.join(dir, "c.yaml");
    writeFileSync(connector, artifact(source.url, target.url));
    const fixtures = path.join(dir, "fixtures");
    const env = { SRC_KEY: API_KEY, TGT_TOKEN: TOKEN };
    const recorded = await runCli(["run", connector, "--record", fixtures, "--state", path.join(dir, "s.db")], {
      env,
      cwd: dir,
    });
    expect(recorded.code, recorded.stderr).toBe(0);
    await Promise.all([source.close(), target.close()]);

    expect(readdirSync(fixtures).sort()).toEqual(["fixture.json", "requests.ndjson", "source.ndjson", "target.ndjson"]);
    const text = readdirSync(fixtures)
      .map((f) => readFileSync(path.join(fixtures, f), "utf8"))
      .join("\n");
    expect(text).not.toContain(TOKEN);
    // The key appears only inside the record data, never in a URL or header.
    const source0 = JSON.parse(readFileSync(path.join(fixtures, "source.ndjson"), "utf8").split("\n")[0]!);
    expect(source0.url).toContain("key=***");
    expect(source0.responseBody).toContain(`"note":"${API_KEY}","big":9007199254740993`);
    const requests = readFileSync(path.join(fixtures, "requests.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.headers.authorization === "***")).toBe(true);

    // Replayed with the servers gone and no secret set: the same requests.
    const same = await runCli(["test", connector, "--fixtures", fixtures], { cwd: dir });
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stderr).toContain("3 requests, as expected");

    // One mapping change: every request differs, and the difference is printed.
    writeFileSync(connector, artifact(source.url, target.url, "upper(record.name)"));
    const changed = await runCli(["test", connector, "--fixtures", fixtures], { cwd: dir });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("3 missing, 3 unexpected");
    expect(changed.stdout).toMatch(/^- .*"label\\":\\"Ana\\"/m);
    expect(changed.stdout).toMatch(/^\+ .*"label\\":\\"ANA\\"/m);
    expect((await runCli(["test", connector, "--fixtures", fixtures, "--update"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["test", connector, "--fixtures", fixtures], { cwd: dir })).code).toBe(0);

    // A request the fixtures never saw fails the run clearly, offline.
    writeFileSync(connector, artifact(source.url, target.url).replace("path: /items", "path: /things"));
    const unknown = await runCli(["test", connector, "--fixtures", fixtures], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/things\?key=\*\*\* is not in the fixtures/);
  }, 60_000);
});

describe("the example connector's committed fixtures (OAuth2 client credentials)", () => {
  it("a fresh recording holds no credential and no issued token; the committed fixtures replay as expected", async () => {
    const apis = await startDemoApis();
    try {
      const ws = demoWorkspace(apis);
      const fixtures = path.join(ws.dir, "fixtures");
      const recorded = await runCli([...runArgs(ws), "--record", fixtures], { env: DEMO_ENV, cwd: ws.dir });
      expect(recorded.code, recorded.stderr).toBe(0);
      const text = readdirSync(fixtures)
        .map((f) => readFileSync(path.join(fixtures, f), "utf8"))
        .join("\n");
      for (const secret of Object.values(DEMO_ENV)) expect(text).not.toContain(secret);
      // The token was learnt from the very answer being recorded: it is masked all the same.
      expect(text).toContain('{\\"access_token\\":\\"***\\"');
      expect(text).not.toMatch(/erp_[A-Za-z0-9_-]{20,}/);
    } finally {
      await apis.close();
    }
    const example = path.join(ROOT, "examples/crm-to-erp");
    const replayed = await runCli([
      "test",
      path.join(example, "crm-to-erp.yaml"),
      "--fixtures",
      path.join(example, "fixtures"),
    ]);
    expect(replayed.code, replayed.stdout + replayed.stderr).toBe(0);
  }, 60_000);
});
