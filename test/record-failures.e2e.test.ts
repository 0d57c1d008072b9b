import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const ITEMS = Array.from({ length: 500 }, (_, i) => ({ id: i + 1, status: i % 2 === 0 ? "active" : "lead" }));

async function setUp(targetStatus: (body: string) => number) {
  const source = await startServer((_req, res) => sendJson(res, 200, { items: ITEMS }));
  const target = await startServer((req, res) => sendJson(res, targetStatus(req.body), { error: "no" }));
  servers.push(source, target);
  return { source, target };
}

function workspace(yaml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-failures-"));
  const file = path.join(dir, "c.yaml");
  writeFileSync(file, yaml);
  const dead = path.join(dir, "dead.ndjson");
  return { file, dead, args: ["run", file, "--state", path.join(dir, "s.db"), "--dead-letter", dead, "--json"] };
}

function artifact(source: string, target: string, filters: string, output = ""): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: failures }
input: { type: http, baseUrl: ${source}, path: /items, records: items }
${filters}
output:
  type: http
  baseUrl: ${target}
  path: /sink
${output}settings:
  retries: { maxAttempts: 1 }
  concurrency: 8
`;
}

const warnLines = (stderr: string, message: string) => stderr.split("\n").filter((line) => line.includes(message));

describe("per-record failures a person can act on", () => {
  it("a typo failing every record in the filters: one grouped line with count and first position; the run failed", async () => {
    const { source, target } = await setUp(() => 200);
    const ws = workspace(
      artifact(source.url, target.url, 'filters:\n  - { type: condition, if: record.stauts == "active", then: keep }'),
    );
    const result = await runCli(ws.args);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { status: string; counts: { failed: number }; error?: string };
    expect(summary.status).toBe("failed");
    expect(summary.counts.failed).toBe(500);
    expect(summary.error).toMatch(/every record failed/);
    const lines = warnLines(result.stderr, "record failed in filters");
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/500 records, same error/);
    expect(lines[0]).toMatch(/firstSeq[=:"\s]+0\b/);
    expect(lines[0]).toContain("stauts");
    expect(readFileSync(ws.dead, "utf8").trim().split("\n")).toHaveLength(500);
    expect(target.requests).toHaveLength(0);
  });

  it("a target refusing every record the same way: one grouped line; the run failed", async () => {
    const { source, target } = await setUp(() => 422);
    const ws = workspace(artifact(source.url, target.url, ""));
    const result = await runCli(ws.args);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).status).toBe("failed");
    const lines = warnLines(result.stderr, "record dead-lettered");
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/500 records, same error/);
  });

  it("some records through and some refused: partial, each distinct failure once", async () => {
    const { source, target } = await setUp((body) => (body.includes('"lead"') ? 422 : 200));
    const ws = workspace(artifact(source.url, target.url, ""));
    const result = await runCli(ws.args);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { status: string; counts: { sent: number; failed: number } };
    expect(summary).toMatchObject({ status: "partial", counts: { sent: 250, failed: 250 } });
    expect(warnLines(result.stderr, "record dead-lettered")).toHaveLength(1);
  });
});
