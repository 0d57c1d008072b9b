import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import {
  apis,
  closeServersAfterEach,
  connector,
  DEBUG,
  everything,
  expectNoCanary,
  workspace,
} from "./secrets-canary-support.js";

closeServersAfterEach();

describe("canary secrets never leave the process: dry runs, validation, webhook artifacts", () => {
  it("in a dry run, with debug logging, on stdout and into --out", async () => {
    const { source, target } = await apis({});
    const ws = workspace(connector(source.url, target.url));
    const onStdout = await runCli([...ws.args, "--dry-run", ...DEBUG], { env: ws.env });
    expect(onStdout.code, onStdout.stderr).toBe(0);
    expect(onStdout.stdout).toContain("/sink");
    const toFile = await runCli([...ws.args, "--dry-run", "--out", path.join(ws.dir, "plan.ndjson")], {
      env: ws.env,
    });
    expect(toFile.code, toFile.stderr).toBe(0);
    expectNoCanary(await everything(ws, [onStdout, toFile]));
  });

  it("in validation errors of run and validate", async () => {
    const { source, target } = await apis({});
    const broken = connector(source.url, target.url, '  concurrency: "${env:CANARY_CLIENT_SECRET}"\n').replace(
      "records: items",
      'records: items\n  query: { k: "${env:CANARY_API_KEY}", unknown: "${env:CANARY_MISSING}" }\n  bogus: "${env:CANARY_WEBHOOK_SECRET}"',
    );
    const ws = workspace(broken);
    const run = await runCli([...ws.args, ...DEBUG], { env: ws.env });
    const validate = await runCli(["validate", ws.file], { env: ws.env });
    const validateJson = await runCli(["validate", ws.file, "--format", "json"], { env: ws.env });
    expect(run.code).toBe(2);
    expect(validate.code).toBe(2);
    expect(run.stderr).toMatch(/CANNECTORS_E_SCHEMA/);
    expect(source.requests).toHaveLength(0);
    expectNoCanary(await everything(ws, [run, validate, validateJson]));
  });

  it("in a webhook artifact's verify secrets, through validate and run", async () => {
    const ws = workspace(`apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: canary-hook }
input:
  type: webhook
  path: /hooks/canary
  verify: { type: hmac, header: X-Signature, secrets: ["\${env:CANARY_WEBHOOK_SECRET}"] }
output:
  type: http
  baseUrl: http://127.0.0.1:9
  path: /sink
  headers: { X-Key: "\${env:CANARY_API_KEY}" }
`);
    const validate = await runCli(["validate", ws.file], { env: ws.env });
    expect(validate.code, validate.stderr).toBe(0);
    const run = await runCli([...ws.args, ...DEBUG], { env: ws.env });
    expect(run.code).not.toBe(0);
    expectNoCanary(await everything(ws, [validate, run]));
  });
});
