import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

const RECORDS = [
  { id: 1, name: "Ana", email: "ANA@EXAMPLE.COM", status: "active" },
  { id: 2, name: "Bo", email: "bo@example.com", status: "inactive" },
  { id: 3, name: "Cy", email: "Cy@Example.com", status: "active" },
];

function artifact(source: string, target: string, emailExpr = "record.email", extra = "") {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: planned }
input: { type: http, baseUrl: ${source}, path: /people, records: items }
filters:
  - type: map
    fields:
      - { target: id, from: id }
      - { target: email, expr: ${emailExpr} }
${extra}output:
  type: http
  baseUrl: ${target}
  path: /people/batch
  batch: { size: 2, wrap: people }
`;
}

let source: TestServer;
let target: TestServer;
let dir: string;
let fixtures: string;

beforeAll(async () => {
  source = await startServer((_req, res) => sendJson(res, 200, { items: RECORDS }));
  target = await startServer((_req, res) => sendJson(res, 200, {}));
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-plan-"));
  fixtures = path.join(dir, "fixtures");
  writeFileSync(path.join(dir, "v1.yaml"), artifact(source.url, target.url));
  const recorded = await runCli(["run", "v1.yaml", "--record", fixtures, "--state", path.join(dir, "s.db")], {
    cwd: dir,
  });
  expect(recorded.code, recorded.stderr).toBe(0);
  await Promise.all([source.close(), target.close()]);
});

afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
});

describe("cannectors plan OLD NEW", () => {
  it("one mapping change: in words, and over the fixtures the records and the field that change (exit 1)", async () => {
    writeFileSync(path.join(dir, "v2.yaml"), artifact(source.url, target.url, "lower(record.email)"));
    const plan = await runCli(["plan", "v1.yaml", "v2.yaml", "--fixtures", fixtures], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stdout).toContain("field email: was record.email, now lower(record.email)");
    expect(plan.stdout).toContain("requests: 2 → 2; records: 3 → 3, 2 changed");
    expect(plan.stdout).toContain('email changed in 2 record(s), e.g. record 1: "ANA@EXAMPLE.COM" → "ana@example.com"');

    const markdown = await runCli(["plan", "v1.yaml", "v2.yaml", "--fixtures", fixtures, "--format", "markdown"], {
      cwd: dir,
    });
    expect(markdown.stdout).toContain("### Connector plan: `v1.yaml` → `v2.yaml`");
    expect(markdown.stdout).toContain("- field `email`: was `record.email`, now `lower(record.email)`");
    const json = JSON.parse(
      (await runCli(["plan", "v1.yaml", "v2.yaml", "--fixtures", fixtures, "--format", "json"], { cwd: dir })).stdout,
    );
    expect(json.records.fields).toEqual([
      {
        field: "email",
        kind: "changed",
        records: 2,
        example: { record: 0, before: "ANA@EXAMPLE.COM", after: "ana@example.com" },
      },
    ]);
  });

  it("a filter added: records gone, requests fewer; an unchanged version exits 0", async () => {
    const extra = "  - type: condition\n    if: record.id != 2\n";
    // The condition goes after the map here, so it reads the mapped id.
    writeFileSync(path.join(dir, "v3.yaml"), artifact(source.url, target.url, "record.email", extra));
    const plan = await runCli(["plan", "v1.yaml", "v3.yaml", "--fixtures", fixtures], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain("filter 2 added: a condition record.id != 2");
    expect(plan.stdout).toContain("requests: 2 → 1; records: 3 → 2");
    const same = await runCli(["plan", "v1.yaml", "v1.yaml", "--fixtures", fixtures], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no change in behaviour");
  });

  it("reads a version from git (REV:path), as a pull request compares HEAD~1 with the work tree", async () => {
    const repo = mkdtempSync(path.join(tmpdir(), "cannectors-plan-git-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo });
    git("init", "-q");
    writeFileSync(path.join(repo, "c.yaml"), artifact(source.url, target.url));
    git("add", "c.yaml");
    git("commit", "-qm", "v1");
    writeFileSync(
      path.join(repo, "c.yaml"),
      artifact(source.url, target.url).replace("/people/batch", "/v2/people/batch"),
    );
    const plan = await runCli(["plan", "HEAD:c.yaml", "c.yaml"], { cwd: repo });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('output.path: "/people/batch" → "/v2/people/batch"');
    const missing = await runCli(["plan", "HEAD:nope.yaml", "c.yaml"], { cwd: repo });
    expect(missing.code).toBe(2);
  });
});
