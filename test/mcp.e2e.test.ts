import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStateStore } from "../runtime/state/index.js";
import { CLI } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

const SOURCE_KEY = "src-key-6f1d9a2b7c";
const TARGET_TOKEN = "tgt-token-0b8e4f3a91";
const RECORDS = [
  { id: "a", email: "ana@example.com" },
  { id: "b", email: "bad" },
  { id: "c", email: "cy@example.com" },
];

let source: TestServer;
let target: TestServer;
let dir: string;
let client: Client;
const texts: string[] = [];

async function call(name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as {
    content: { type: string; text: string }[];
    isError?: boolean;
  };
  const text = result.content.map((c) => c.text).join("");
  texts.push(text);
  return { isError: result.isError === true, body: JSON.parse(text) as Record<string, unknown> & { exitCode: number } };
}

beforeAll(async () => {
  source = await startServer((req, res) =>
    req.headers["x-api-key"] === SOURCE_KEY ? sendJson(res, 200, { items: RECORDS }) : sendJson(res, 401, {}),
  );
  let refuseBad = true;
  target = await startServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TARGET_TOKEN}`) return sendJson(res, 401, {});
    if (refuseBad && req.body.includes('"bad"')) return sendJson(res, 422, { error: "invalid email" });
    sendJson(res, 201, {});
  });
  Object.assign(target, { fix: () => (refuseBad = false) });
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-mcp-"));
  writeFileSync(
    path.join(dir, "c.yaml"),
    `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: mcp-demo }
input:
  type: http
  baseUrl: ${source.url}
  path: /items
  records: items
  auth: { type: apiKey, in: header, name: X-API-Key, value: "\${env:SRC_KEY}" }
filters:
  - type: map
    fields:
      - { target: client, from: id }
      - { target: email, from: email }
output:
  type: http
  baseUrl: ${target.url}
  path: /clients
  auth: { type: bearer, token: "\${env:TGT_TOKEN}" }
  idempotency: { key: record.client }
settings:
  retries: { maxAttempts: 1 }
`,
  );
  writeFileSync(
    path.join(dir, "broken.yaml"),
    "apiVersion: cannectors.dev/v1\nkind: Connector\nmetadata: { name: x }\ninput: { type: htp }\n",
  );
  writeFileSync(path.join(dir, "other.yaml"), "just: some yaml\n");
  client = new Client({ name: "cannectors-test", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI, "mcp", "--state", path.join(dir, "state.db")],
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", SRC_KEY: SOURCE_KEY, TGT_TOKEN: TARGET_TOKEN },
      stderr: "pipe",
    }),
  );
}, 30_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([source?.close(), target?.close()]);
});

describe("cannectors mcp, driven by the SDK's own client over stdio", () => {
  it("lists its tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ["dry_run", "executions", "list_connectors", "logs", "plan", "replay", "run", "validate"].sort(),
    );
  });

  it("list_connectors finds the artifacts, not every YAML file", async () => {
    const { body } = await call("list_connectors");
    expect(body.connectors).toEqual([
      { file: path.join(dir, "broken.yaml"), name: "", input: "", output: "", valid: false },
      { file: path.join(dir, "c.yaml"), name: "mcp-demo", input: "http", output: "http", valid: true },
    ]);
  });

  it("validate answers exit 2 with located diagnostics for a broken artifact, 0 for a good one", async () => {
    const broken = await call("validate", { file: "broken.yaml" });
    expect(broken.isError).toBe(true);
    expect(broken.body.exitCode).toBe(2);
    expect(broken.body.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "input.type", location: expect.objectContaining({ line: 4 }) }),
      ]),
    );
    expect((await call("validate", { file: "c.yaml" })).body.exitCode).toBe(0);
  });

  it("dry_run returns the exact requests with credentials masked, and sends nothing", async () => {
    const { body } = await call("dry_run", { file: "c.yaml" });
    expect(body.exitCode).toBe(0);
    const requests = body.requests as { url: string; headers: Record<string, string>; body: unknown }[];
    expect(requests.map((r) => r.body)).toEqual(RECORDS.map((r) => ({ client: r.id, email: r.email })));
    expect(requests[0]!.headers.authorization).not.toContain(TARGET_TOKEN);
    expect(target.requests).toHaveLength(0);
  });

  it("run, executions, logs and replay keep the CLI's exit semantics", async () => {
    const run = await call("run", { file: "c.yaml" });
    expect(run.isError).toBe(true);
    expect(run.body).toMatchObject({ exitCode: 1, summary: { status: "partial", counts: { sent: 2, failed: 1 } } });
    const executions = await call("executions", { connector: "mcp-demo" });
    const rows = executions.body.executions as { id: string; status: string; dryRun: boolean }[];
    expect(rows.map((r) => [r.status, r.dryRun])).toEqual([
      ["partial", false],
      ["succeeded", true],
    ]);
    // A prefix long enough to be unique: ids begin with their time, and the two runs were close.
    const logs = await call("logs", { id: rows[0]!.id.slice(0, 20) });
    expect((logs.body.logs as { message: string }[]).map((l) => l.message)).toContain("record dead-lettered");

    (target as unknown as { fix(): void }).fix();
    const deadLetter = path.join(dir, ".cannectors/dead-letter/mcp-demo.ndjson");
    const replay = await call("replay", { deadLetter, connector: "c.yaml" });
    expect(replay.body).toMatchObject({ exitCode: 0, summary: { status: "succeeded", replayed: 1 } });
    expect(target.requests.filter((r) => r.body.includes('"bad"') && r.headers.authorization)).toHaveLength(2);

    // A run while another holds the lease: exit 3, as `cannectors run` would end.
    const store = openStateStore(path.join(dir, "state.db"));
    try {
      expect((await store.leases.acquire("mcp-demo", 60_000)).acquired).toBe(true);
      expect((await call("run", { file: "c.yaml" })).body.exitCode).toBe(3);
    } finally {
      await store.close();
    }
  });

  it("plan answers the difference between two versions, exit 1 when behaviour changed", async () => {
    writeFileSync(
      path.join(dir, "c2.yaml"),
      readFileSync(path.join(dir, "c.yaml"), "utf8").replace("path: /clients", "path: /v2/clients"),
    );
    const plan = await call("plan", { before: "c.yaml", after: "c2.yaml" });
    expect(plan.body.exitCode).toBe(1);
    expect(JSON.stringify(plan.body.plan)).toContain("output.path");
    expect((await call("plan", { before: "c.yaml", after: "c.yaml" })).body.exitCode).toBe(0);
  });

  it("dry_run checks the planned bodies against a target spec (targetSpec): the refused record fails, located", async () => {
    const spec = {
      openapi: "3.0.3",
      paths: {
        "/clients": {
          post: {
            requestBody: {
              content: {
                "application/json": {
                  schema: { type: "object", properties: { email: { type: "string", format: "email" } } },
                },
              },
            },
          },
        },
      },
    };
    writeFileSync(path.join(dir, "target.json"), JSON.stringify(spec));
    const sentBefore = target.requests.length;
    const { body } = await call("dry_run", { file: "c.yaml", targetSpec: "target.json" });
    expect(body.exitCode).toBe(1);
    expect(body.summary).toMatchObject({
      status: "partial",
      counts: { sent: 2, failed: 1 },
      contract: {
        spec: "target.json",
        count: 1,
        first: [{ seq: 1, pointer: "/email", rule: "#/properties/email/format", message: 'must match format "email"' }],
      },
    });
    expect(target.requests).toHaveLength(sentBefore);
  });

  it("no tool result ever holds a secret", () => {
    expect(texts.length).toBeGreaterThan(8);
    for (const text of texts) {
      expect(text).not.toContain(SOURCE_KEY);
      expect(text).not.toContain(TARGET_TOKEN);
    }
  });
});
