import { afterEach, describe, expect, it } from "vitest";
import { validateArtifact } from "../runtime/validate/index.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { runYaml } from "./support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** One page of `records` mapped by `expr` into `out`, POSTed one by one to a recording target. */
async function runMapping(records: unknown[], expr: string, settings = "") {
  const source = await startServer((_req, res) => sendJson(res, 200, { items: records }));
  const target = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(source, target);
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: budget }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
filters:
  - type: map
    fields:
      - { target: id, from: id }
      - target: out
        expr: '${expr}'
output: { type: http, baseUrl: ${target.url}, path: /sink }
settings:
  retries: { maxAttempts: 1 }
${settings}`;
  const { summary, dead } = await runYaml(yaml);
  const sent = target.requests.map((r) => (JSON.parse(r.body) as { id: number }).id);
  return { summary, sent, dead: dead.map((line) => JSON.parse(line) as { seq: number; reason: string }), yaml };
}

const ids = (n: number, text: (i: number) => string) => Array.from({ length: n }, (_, i) => text(i));

describe("a per-record expression budget: the costly record is dead-lettered, the run goes on", () => {
  it("a quadratic filter over 30,000 items (43 s before) stops on its step budget", async () => {
    const expr = 'record.items.filter(x, join(record.items, ",").contains("zz"))';
    const costly = { id: 1, items: ids(30_000, (i) => `item-${i}`) };
    const { summary, sent, dead, yaml } = await runMapping([costly, { id: 2, items: ["a", "zz"] }], expr);
    expect(sent).toEqual([2]);
    expect(summary.counts).toMatchObject({ sent: 1, failed: 1 });
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toMatch(/more than 10000000 evaluation steps.*CANNECTORS_E_EXPRESSION_BUDGET/);
    const warnings = validateArtifact(yaml, "budget.yaml").diagnostics;
    expect(warnings.map((d) => `${d.severity} ${d.code} ${d.path}`)).toEqual([
      "warning CANNECTORS_E_EXPRESSION_COST filters[0].fields[1].expr",
    ]);
  });

  it("strings that grow a 412 KB record towards gigabytes (heap OOM before) stop on the budget", async () => {
    const expr = "record.items.map(x, concat(record.big, record.big))";
    const costly = { id: 1, big: "x".repeat(400_000), items: ids(3_000, String) };
    const { sent, dead } = await runMapping([costly, { id: 2, big: "ab", items: ["1", "2"] }], expr);
    expect(sent).toEqual([2]);
    expect(dead[0]!.reason).toMatch(/CANNECTORS_E_EXPRESSION_BUDGET/);
  });

  it("settings.limits.expression sets the budget: a record under the default fails under a lower one", async () => {
    const expr = "record.items.map(x, x + 1)";
    const record = { id: 1, items: Array.from({ length: 2_000 }, (_, i) => i) };
    const normal = await runMapping([record], expr);
    expect(normal.sent).toEqual([1]);
    const tight = await runMapping([record], expr, "  limits: { expression: { maxSteps: 5000 } }\n");
    expect(tight.sent).toEqual([]);
    expect(tight.dead[0]!.reason).toMatch(/more than 5000 evaluation steps/);
  });
});
