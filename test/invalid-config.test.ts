import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

let source: TestServer;
let target: TestServer;
let dir: string;

beforeAll(async () => {
  source = await startServer((_req, res) => sendJson(res, 200, { items: [{ id: 1, name: "a" }] }));
  target = await startServer((_req, res) => sendJson(res, 200, {}));
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-invalid-"));
});
afterAll(async () => {
  await source.close();
  await target.close();
});

function artifact(overrides: { input?: string; filters?: string; output?: string }): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: invalid-case
input:
  type: http
  baseUrl: ${source.url}
  path: /items
  records: items
${overrides.input ?? ""}filters:
  - type: map
    fields:
      - target: id
        from: id
${overrides.filters ?? ""}output:
  type: http
  baseUrl: ${target.url}
  path: /sink
${overrides.output ?? ""}`;
}

/** 1-based line and column of the first occurrence of `needle`. */
function positionOf(text: string, needle: string): string {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in fixture`);
  const before = text.slice(0, index).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

const cases = [
  {
    name: "unknown key",
    given: () => artifact({ output: "  retires: 3\n" }),
    want: { at: "retires", path: "output.retires", code: "CANNECTORS_E_SCHEMA", message: 'unknown key "retires"' },
  },
  {
    name: "wrong type",
    given: () => artifact({ output: "  batch:\n    size: fifty\n" }),
    want: { at: "fifty", path: "output.batch.size", code: "CANNECTORS_E_SCHEMA", message: "expected number" },
  },
  {
    name: "bad CRON",
    given: () => artifact({ input: '  schedule: "61 * * * *"\n' }),
    want: { at: '"61', path: "input.schedule", code: "CANNECTORS_E_CRON", message: "invalid CRON expression" },
  },
  {
    name: "unknown function in an expression",
    given: () => artifact({ filters: "      - target: name\n        expr: frobnicate(record.name)\n" }),
    want: {
      at: "frobnicate",
      path: "filters[0].fields[1].expr",
      code: "CANNECTORS_E_EXPRESSION",
      message: "frobnicate",
    },
  },
  {
    name: "unresolved secret",
    given: () => artifact({ input: "  headers:\n    X-Token: ${env:CANNECTORS_TEST_UNSET_SECRET}\n" }),
    want: {
      at: "${env:",
      path: "input.headers.X-Token",
      code: "CANNECTORS_E_SECRET_UNRESOLVED",
      message: "CANNECTORS_TEST_UNSET_SECRET",
    },
  },
];

describe("invalid configs are refused before any network call or state write", () => {
  it.each(cases)("$name → exit 2 with file:line:col path CODE message", async ({ name, given: build, want }) => {
    const given = build();
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}.yaml`);
    writeFileSync(file, given);
    const state = path.join(dir, `${name.replace(/\W+/g, "-")}.db`);
    const before = source.requests.length + target.requests.length;

    const result = await runCli(["run", file, "--state", state]);

    expect(result.code).toBe(2);
    const line = result.stderr.split("\n").find((l) => l.includes(want.code));
    expect(line, result.stderr).toBeDefined();
    expect(line).toContain(`${file}:${positionOf(given, want.at)} ${want.path} ${want.code}`);
    expect(line).toContain(want.message);
    expect(source.requests.length + target.requests.length).toBe(before);
    expect(existsSync(state)).toBe(false);
  });

  it("reports every problem of a file in one pass", async () => {
    const file = path.join(dir, "many.yaml");
    writeFileSync(
      file,
      artifact({ input: '  schedule: "not a cron"\n', output: "  retires: 3\n  batch:\n    size: fifty\n" }),
    );
    const result = await runCli(["validate", file]);
    expect(result.code).toBe(2);
    // The CRON error is not hidden behind the schema errors of another section.
    for (const code of ["input.schedule", "output.retires", "output.batch.size"]) expect(result.stderr).toContain(code);
    expect(result.stderr).toMatch(/3 errors/);
  });

  it("validate checks secret references only with --check-env", async () => {
    const file = path.join(dir, "secret.yaml");
    writeFileSync(file, artifact({ input: "  headers:\n    X-Token: ${env:CANNECTORS_TEST_UNSET_SECRET}\n" }));
    expect((await runCli(["validate", file])).code).toBe(0);
    const checked = await runCli(["validate", "--check-env", file]);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain("CANNECTORS_E_SECRET_UNRESOLVED");
  });
});
