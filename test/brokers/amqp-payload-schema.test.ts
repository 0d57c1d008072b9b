/**
 * Issue 19 item 4 for broker outputs: an amqp output's `payloadSchema` (inline, or a file at a
 * pointer) is checked against every planned message body in the dry run. A body it refuses is that
 * record's failure (exit 1), located; a clean connector passes. A dry run publishes nothing, so no
 * broker is needed: the URL is never dialled.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-payload-schema-"));
const SCHEMA_FILE = path.join(dir, "events.yaml");
let source: TestServer;

beforeAll(async () => {
  const items = [
    { id: 1, amount: 10 },
    { id: 2, amount: "20" },
    { id: 3, amount: 30 },
  ];
  source = await startServer((_req, res) => sendJson(res, 200, { items }));
  writeFileSync(
    SCHEMA_FILE,
    `asyncapi: 3.0.0
components:
  schemas:
    Order:
      type: object
      required: [id, amount]
      properties:
        id: { type: integer }
        amount: { type: integer }
`,
  );
});
afterAll(async () => {
  await source?.close();
});

function connector(name: string, payloadSchema: string, filters = ""): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: ${name} }
input: { type: http, baseUrl: ${source.url}, path: /orders, records: items }
${filters}output:
  type: amqp
  url: amqp://guest:guest@127.0.0.1:5672
  routingKey: orders
  payloadSchema: ${payloadSchema}
`,
  );
  return file;
}

const dryRun = (file: string, ...extra: string[]) =>
  runCli(["run", file, "--dry-run", "--out", `${file}.planned`, "--state", path.join(dir, "state.db"), ...extra]);

describe("amqp output: payloadSchema in the dry run", () => {
  it("a file's schema at a pointer refuses the body with a string amount: that record fails, located, exit 1", async () => {
    const dry = await dryRun(connector("file-schema", `"${SCHEMA_FILE}#/components/schemas/Order"`), "--json");
    expect(dry.code, dry.stderr).toBe(1);
    const summary = JSON.parse(dry.stdout);
    expect(summary.counts).toMatchObject({ read: 3, sent: 2, failed: 1 });
    expect(summary.contract).toEqual({
      spec: `${SCHEMA_FILE}#/components/schemas/Order`,
      count: 1,
      first: [{ seq: 1, pointer: "/amount", rule: "#/properties/amount/type", message: "must be integer" }],
    });
  });

  it("an inline schema: the same refusal; a mapping that makes the body match passes, exit 0", async () => {
    const inline = "{ type: object, required: [id, amount], properties: { amount: { type: integer } } }";
    const bad = await dryRun(connector("inline-schema", inline));
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stderr).toContain("record seq 1 at /amount: must be integer");
    const fixed = `filters:
  - type: map
    fields:
      - { target: id, from: id }
      - { target: amount, expr: 'int(record.amount)' }
`;
    const good = await dryRun(connector("inline-fixed", inline, fixed));
    expect(good.code, good.stderr).toBe(0);
    expect(good.stderr).toContain("target contract (payloadSchema (inline)): no violation");
  });

  it("a schema file that does not exist is a contract error (exit 2)", async () => {
    const dry = await dryRun(connector("missing-schema", `"${path.join(dir, "nope.yaml")}"`));
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/output\.payloadSchema CANNECTORS_E_CONTRACT .*nope\.yaml/);
  });
});
