import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact, headerFor } from "../compiler/index.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { orders } from "./support/multi-output.js";

/** Routes, fan-out and fallback written in TypeScript: built, imported back, documented and run on loopback servers. */
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-routes-"));
const FIXTURE = "test/fixtures/routes/orders-router.ts";
const built = path.join(dir, "built", "orders-router.yaml");

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

beforeAll(async () => {
  const result = await runCli(["build", FIXTURE, "--out", path.join(dir, "built")], { timeoutMs: 120_000 });
  expect(result.code, result.stderr).toBe(0);
}, 150_000);

describe("several outputs, from TypeScript", () => {
  it("lowers route/routes, fanout/via and fallback to the artifact's routes, fanout and fallback", () => {
    const output = (parse(readFileSync(built, "utf8")) as { output: unknown }).output;
    expect(output).toEqual({
      type: "routes",
      routes: [
        {
          when: 'record.status == "paid"',
          output: {
            type: "fanout",
            outputs: [
              {
                output: {
                  type: "fallback",
                  primary: {
                    type: "http",
                    baseUrl: "http://127.0.0.1:4020",
                    path: "/orders",
                    method: "POST",
                    idempotency: { key: "record.id" },
                  },
                  fallback: { type: "http", baseUrl: "http://127.0.0.1:4030", path: "/erp-refused", method: "POST" },
                },
              },
              {
                filters: [
                  {
                    type: "map",
                    fields: [
                      { target: "order", from: "id" },
                      { target: "event", value: "paid" },
                    ],
                  },
                ],
                output: { type: "http", baseUrl: "http://127.0.0.1:4040", path: "/events", method: "POST" },
              },
            ],
          },
        },
      ],
      default: { type: "http", baseUrl: "http://127.0.0.1:4030", path: "/orders", method: "POST" },
    });
  });

  it("round trip: YAML → import → build gives the same YAML", async () => {
    const tsFile = path.join(dir, "orders-router-imported.ts");
    const imported = await runCli(["import", built, "--out", tsFile]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(readFileSync(tsFile, "utf8")).toMatch(/routes\(\[route\(.*fanout\(fallback\(target1\.post/s);
    const rebuilt = await runCli(["build", tsFile, "--out", path.join(dir, "rebuilt")], { timeoutMs: 120_000 });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const outputFile = path.join(dir, "rebuilt", "orders-router.yaml");
    const document = parse(readFileSync(built, "utf8")) as Record<string, unknown>;
    expect(readFileSync(outputFile, "utf8")).toBe(emitArtifact(document, headerFor(tsFile, outputFile)));
  }, 150_000);

  it("docs draw one edge per output a record may reach", async () => {
    const result = await runCli(["docs", built, "--format", "md"]);
    expect(result.code, result.stderr).toBe(0);
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(result.stdout)?.[1] ?? "";
    expect(mermaid.split("\n").filter((line) => line.includes("output --"))).toEqual([
      '  output -- "when status is #quot;paid#quot;, then every record, then first" --> r0',
      '  output -- "when status is #quot;paid#quot;, then every record, then if the first refuses it" --> r1',
      '  output -- "when status is #quot;paid#quot;, then every record, through 1 filter(s) of its own" --> r2',
      '  output -- "otherwise" --> r3',
    ]);
    expect(result.stdout).toContain("## Output output.routes[0].output.outputs[0].output.primary");
  });

  it("runs: paid orders to the ERP and the audit log, the ERP's refusals and the rest to review", async () => {
    const data = orders(["paid", "pending", "paid", "cancelled"]);
    const received = (server: TestServer) => server.requests.map((r) => [r.url, JSON.parse(r.body)]);
    const shop = await startServer((_req, res) => sendJson(res, 200, { items: data }));
    const erp = await startServer((req, res) => sendJson(res, req.body.includes('"o-3"') ? 422 : 201, {}));
    const review = await startServer((_req, res) => sendJson(res, 201, {}));
    const audit = await startServer((_req, res) => sendJson(res, 201, {}));
    servers.push(shop, erp, review, audit);
    const yaml = readFileSync(built, "utf8")
      .replaceAll("http://127.0.0.1:4010", shop.url)
      .replaceAll("http://127.0.0.1:4020", erp.url)
      .replaceAll("http://127.0.0.1:4030", review.url)
      .replaceAll("http://127.0.0.1:4040", audit.url);
    const file = path.join(dir, "run.yaml");
    writeFileSync(file, yaml);
    const args = ["run", file, "--state", path.join(dir, "state.db"), "--dead-letter", path.join(dir, "dead.ndjson")];
    const run = await runCli([...args, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(received(erp)).toEqual([
      ["/orders", data[0]],
      ["/orders", data[2]],
    ]);
    expect(received(audit)).toEqual([
      ["/events", { order: "o-1", event: "paid" }],
      ["/events", { order: "o-3", event: "paid" }],
    ]);
    expect(received(review).sort()).toEqual(
      [
        ["/erp-refused", data[2]],
        ["/orders", data[1]],
        ["/orders", data[3]],
      ].sort(),
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "succeeded", cursor: data[3]!.updated });
  });
});
