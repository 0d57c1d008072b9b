import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact, headerFor } from "../compiler/index.js";
import { ordersApi, ordersHandler } from "../runtime/modules/input-http/children/test-support.js";
import { runCli } from "./support/cli.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";

/** Dependent requests written in TypeScript: built, imported back (same YAML), run through the CLI. */
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-children-dsl-"));
const built = path.join(dir, "built", "orders-items.yaml");

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

beforeAll(async () => {
  const result = await runCli(["build", "test/fixtures/children/orders-items.ts", "--out", path.join(dir, "built")], {
    timeoutMs: 120_000,
  });
  expect(result.code, result.stderr).toBe(0);
}, 150_000);

describe("dependent requests from TypeScript", () => {
  it("lowers children(...) to input.children", () => {
    const input = (parse(readFileSync(built, "utf8")) as { input: Record<string, unknown> }).input;
    expect(input.children).toEqual({
      path: "/orders/{order_id}/items",
      params: { order_id: "id", customer: "customer.id" },
      pagination: { type: "page", size: 2, sizeParam: "size" },
      records: "data",
      carry: { order_id: "id", customer_id: "customer.id" },
      concurrency: 3,
      incremental: { cursorField: "created", param: "since" },
    });
  });

  it("round trip: YAML → import → build gives the same YAML", async () => {
    const tsFile = path.join(dir, "orders-items-imported.ts");
    const imported = await runCli(["import", built, "--out", tsFile]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(readFileSync(tsFile, "utf8")).toContain('children(source.get("/orders", ');
    const rebuilt = await runCli(["build", tsFile, "--out", path.join(dir, "rebuilt")], { timeoutMs: 120_000 });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const outputFile = path.join(dir, "rebuilt", "orders-items.yaml");
    const document = parse(readFileSync(built, "utf8")) as Record<string, unknown>;
    expect(readFileSync(outputFile, "utf8")).toBe(emitArtifact(document, headerFor(tsFile, outputFile)));
  }, 150_000);

  it("runs: every item with its order and customer; run --dry-run plans the same without sending", async () => {
    const api = ordersApi(3, 3);
    const source = await startServer(ordersHandler(api));
    const received: unknown[] = [];
    const target = await startServer((req, res) => {
      received.push(...(JSON.parse(req.body) as unknown[]));
      sendJson(res, 200, {});
    });
    servers.push(source, target);
    const file = path.join(dir, "run.yaml");
    writeFileSync(
      file,
      readFileSync(built, "utf8")
        .replaceAll("http://127.0.0.1:4010", source.url)
        .replaceAll("http://127.0.0.1:4020", target.url),
    );
    const state = ["--state", path.join(dir, "state.db")];
    const dry = await runCli(["run", file, "--dry-run", ...state]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(received).toEqual([]);
    expect(dry.stdout).toContain('"sku":"o3-i3","order":"o3","customer":102');
    const run = await runCli(["run", file, ...state, "--dead-letter", path.join(dir, "dead.ndjson")]);
    expect(run.code, run.stderr).toBe(0);
    expect(received).toEqual(
      api.orders.flatMap((o) =>
        api.items.get(o.id)!.map((i) => ({ sku: i.sku, order: o.id, customer: o.customer.id })),
      ),
    );
  });
});
