import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-webhook-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARTIFACT = `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: gh-hooks
input:
  type: webhook
  path: /hooks/github
  verify:
    type: github
    secrets: ["\${env:GH_WEBHOOK_SECRET}"]
output:
  type: http
  baseUrl: http://127.0.0.1:9
  path: /events
`;

describe("cannectors with a webhook connector", () => {
  const file = path.join(dir, "gh-hooks.yaml");
  writeFileSync(file, ARTIFACT);
  const env = { GH_WEBHOOK_SECRET: "s3cr3t-value" };

  it("validates it", async () => {
    const result = await runCli(["validate", file], { env });
    expect(result.stderr).toContain("valid (gh-hooks)");
    expect(result.code).toBe(0);
  });

  it("refuses to run it once: exit 2, file:line:col, the path, the code, nothing written", async () => {
    const state = path.join(dir, "state.db");
    const result = await runCli(["run", file, "--state", state], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:6:9`);
    expect(result.stderr).toContain("input.type");
    expect(result.stderr).toContain("CANNECTORS_E_WEBHOOK_NEEDS_SERVE");
    expect(result.stderr).toContain("cannectors serve");
    expect(result.stderr).not.toContain(env.GH_WEBHOOK_SECRET);
    expect(existsSync(state)).toBe(false);
  });
});
