/**
 * Issue 19 item 4, every output of a connector: each HTTP output a routes or fanout output holds is
 * checked in the dry run against its own contract (its `output.contract`, or the connector's target
 * spec when that spec has its operation), and a violation names the nested output.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { accept, multiOutputYaml, orders, servers } from "./support/multi-output.js";
import type { TestServer } from "./support/http-server.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-contract-composite-"));
const ERP_SPEC = path.join(dir, "erp.yaml");
const REVIEW_SPEC = path.join(dir, "review.yaml");
let all: TestServer[] = [];
let source = "";
let erp = "";
let review = "";

/** One operation whose body is an order with an integer amount. */
const specOf = (route: string) => `openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  ${route}:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [id, amount]
              properties:
                id: { type: string }
                amount: { type: integer }
      responses: { "201": { description: ok } }
`;

beforeAll(async () => {
  const started = await servers(orders(["paid", "pending", "paid", "pending"]), { erp: accept, review: accept });
  all = started.all;
  source = started.source.url;
  erp = started.targets.erp.url;
  review = started.targets.review.url;
  writeFileSync(ERP_SPEC, specOf("/orders"));
  writeFileSync(REVIEW_SPEC, specOf("/review"));
});
afterAll(async () => {
  await Promise.all(all.map((s) => s.close()));
});

/** `amount` for the records a route or branch sends: planted as a string when `plant` holds. */
function amountFilter(plant: string): string {
  return `filters:
  - type: map
    fields:
      - { target: id, from: id }
      - { target: status, from: status }
      - { target: updated, from: updated }
      - target: amount
        expr: '${plant} ? string(record.amount) : record.amount'
`;
}

function routesConnector(name: string, plant: string): string {
  const output = `  type: routes
  routes:
    - when: record.status == "paid"
      output: { type: http, baseUrl: ${erp}, path: /orders, method: POST }
    - when: record.status == "pending"
      output:
        type: http
        baseUrl: ${review}
        path: /review
        method: POST
        contract: { spec: ${REVIEW_SPEC}, operation: POST /review }
  default: drop`;
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `${multiOutputYaml(name, source, output)}${amountFilter(plant)}`);
  return file;
}

const dryRun = (file: string, ...extra: string[]) =>
  runCli([
    "run",
    file,
    "--dry-run",
    "--out",
    `${file}.planned.ndjson`,
    "--state",
    path.join(dir, "state.db"),
    "--target-spec",
    ERP_SPEC,
    ...extra,
  ]);

describe("dry run: the outputs of routes and fanout, each against its own contract", () => {
  it("a string the second route sends into an integer field fails that route's records, named, exit 1", async () => {
    const file = routesConnector("routes-planted", 'record.status == "pending"');
    const dry = await dryRun(file, "--json");
    expect(dry.code, dry.stderr).toBe(1);
    const summary = JSON.parse(dry.stdout);
    expect(summary.counts).toMatchObject({ sent: 2, failed: 2 });
    expect(summary.contract).toMatchObject({ spec: `${ERP_SPEC}, ${REVIEW_SPEC}`, count: 2 });
    expect(summary.contract.first).toEqual(
      [1, 3].map((seq) => ({
        seq,
        output: "output.routes[1].output",
        pointer: "/amount",
        rule: "#/properties/amount/type",
        message: "must be integer",
      })),
    );
    const text = await dryRun(file);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("output.routes[1].output: record seq 1 at /amount: must be integer");
  });

  it("the first route is checked against the connector's target spec; a clean connector exits 0", async () => {
    const first = await dryRun(routesConnector("routes-first", 'record.status == "paid"'), "--json");
    expect(first.code, first.stderr).toBe(1);
    expect(JSON.parse(first.stdout).contract.first.map((v: { output: string }) => v.output)).toEqual([
      "output.routes[0].output",
      "output.routes[0].output",
    ]);
    const clean = await dryRun(routesConnector("routes-clean", "false"));
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain(`target contract (${ERP_SPEC}, ${REVIEW_SPEC}): no violation`);
  });

  it("a fanout branch's own mapping is checked at its output", async () => {
    const output = `  type: fanout
  outputs:
    - output: { type: http, baseUrl: ${erp}, path: /orders, method: POST }
    - filters:
        - type: map
          fields:
            - { target: id, from: id }
            - { target: amount, expr: 'string(record.amount)' }
      output: { type: http, baseUrl: ${review}, path: /review, method: POST, contract: { spec: ${REVIEW_SPEC} } }`;
    const file = path.join(dir, "fanout.yaml");
    writeFileSync(file, multiOutputYaml("fanout-planted", source, output));
    const dry = await dryRun(file, "--json");
    expect(dry.code, dry.stderr).toBe(1);
    const summary = JSON.parse(dry.stdout);
    expect(summary.counts).toMatchObject({ sent: 4, failed: 4 });
    expect(new Set(summary.contract.first.map((v: { output: string }) => v.output))).toEqual(
      new Set(["output.outputs[1].output"]),
    );
  });
});
