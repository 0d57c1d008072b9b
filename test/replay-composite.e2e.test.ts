/**
 * Issue 19 item 6 for connectors with several outputs (issue 14's gap): `cannectors replay` sends a
 * dead-lettered record again through the output its entry names, with its first idempotency key.
 * After the target is fixed the record arrives once, at that output only: the route not taken and
 * the fanout branch that already has it receive nothing more.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { sendJson, type TestServer } from "./support/http-server.js";
import { accept, multiOutputYaml, orders, servers } from "./support/multi-output.js";

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const DATA = orders(["paid", "pending", "paid", "pending"]);

/** Sets up a source, an ERP that refuses o-3 (422) until fixed, and a second target that accepts all. */
async function setUp(name: string, output: (erp: string, other: string, dead: string) => string) {
  const erpState = { fixed: false };
  const s = await servers(DATA, {
    erp: (req, res) => {
      const refused = req.body.includes('"o-3"') && !erpState.fixed;
      sendJson(res, refused ? 422 : 201, refused ? { error: "o-3 refused" } : {});
    },
    other: accept,
  });
  started.push(...s.all);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-replay-composite-"));
  const dead = path.join(dir, "dead.ndjson");
  const connector = path.join(dir, `${name}.yaml`);
  writeFileSync(connector, multiOutputYaml(name, s.source.url, output(s.targets.erp.url, s.targets.other.url, dead)));
  const cli = (...args: string[]) => runCli([...args, "--state", path.join(dir, "state.db")], { cwd: dir });
  return { erpState, erp: s.targets.erp, other: s.targets.other, dead, connector, cli };
}

const entries = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];

/** The idempotency keys `server` received for o-3's body. */
const keysOfO3 = (server: TestServer) =>
  server.requests.filter((r) => r.body.includes('"o-3"')).map((r) => r.headers["idempotency-key"]);

describe("replay through the output that failed", () => {
  it("routes: the record goes back to its route only, once, with its first idempotency key", async () => {
    const t = await setUp(
      "routes-replay",
      (erp, other, dead) => `  type: routes
  routes:
    - when: record.status == "paid"
      output: { type: http, baseUrl: ${erp}, path: /orders, method: POST, idempotency: { key: record.id } }
  default: { type: http, baseUrl: ${other}, path: /review, method: POST, idempotency: { key: record.id } }
  deadLetter: { path: ${dead} }`,
    );
    const run = await t.cli("run", t.connector);
    expect(run.code, run.stderr).not.toBe(0);
    expect(entries(t.dead).map((e) => [e.output, e.record.id])).toEqual([["output.routes[0].output", "o-3"]]);
    const [firstKey] = keysOfO3(t.erp);
    expect(typeof firstKey).toBe("string");
    const reviewed = t.other.requests.length;
    expect(reviewed).toBe(2);

    t.erpState.fixed = true;
    const replay = await t.cli("replay", t.dead, "--connector", t.connector, "--json");
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ replayed: 1, status: "succeeded", counts: { sent: 1 } });
    // The refused request, then the replayed one: the same key both times, and only once after the fix.
    expect(keysOfO3(t.erp)).toEqual([firstKey, firstKey]);
    expect(JSON.parse(t.erp.requests.at(-1)!.body)).toEqual(DATA[2]);
    expect(t.other.requests.length).toBe(reviewed);
    expect(entries(t.dead)).toEqual([]);
  });

  it("fanout: the branch that refused gets the record again, the branch that has it gets nothing", async () => {
    const t = await setUp(
      "fanout-replay",
      (erp, other, dead) => `  type: fanout
  outputs:
    - output: { type: http, baseUrl: ${erp}, path: /orders, method: POST, idempotency: { key: record.id } }
    - filters:
        - type: map
          fields:
            - { target: order, from: id }
            - { target: event, value: seen }
      output: { type: http, baseUrl: ${other}, path: /events, method: POST, idempotency: { key: record.order } }
  deadLetter: { path: ${dead} }`,
    );
    const run = await t.cli("run", t.connector);
    expect(run.code, run.stderr).not.toBe(0);
    expect(entries(t.dead).map((e) => [e.output, e.record])).toEqual([["output.outputs[0].output", DATA[2]]]);
    const [firstKey] = keysOfO3(t.erp);
    expect(t.other.requests.length).toBe(4);

    t.erpState.fixed = true;
    const replay = await t.cli("replay", t.dead, "--connector", t.connector);
    expect(replay.code, replay.stderr).toBe(0);
    expect(keysOfO3(t.erp)).toEqual([firstKey, firstKey]);
    expect(t.erp.requests.filter((r) => r.body.includes('"o-3"')).length).toBe(2);
    expect(t.other.requests.length).toBe(4);
    expect(entries(t.dead)).toEqual([]);
  });

  it("an entry naming an output the connector does not have is refused before anything is sent (exit 2)", async () => {
    const t = await setUp(
      "routes-unknown",
      (erp, other, dead) => `  type: routes
  routes:
    - when: record.status == "paid"
      output: { type: http, baseUrl: ${erp}, path: /orders, method: POST }
  default: { type: http, baseUrl: ${other}, path: /review, method: POST }
  deadLetter: { path: ${dead} }`,
    );
    const entry = {
      connector: "routes-unknown",
      seq: 0,
      record: DATA[0],
      status: 422,
      reason: "x",
      responseExcerpt: "",
      attempts: 1,
    };
    writeFileSync(t.dead, `${JSON.stringify({ ...entry, output: "output.routes[5].output" })}\n`);
    const replay = await t.cli("replay", t.dead, "--connector", t.connector);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toContain("names output output.routes[5].output, which this connector does not have");
    expect(t.erp.requests.length + t.other.requests.length).toBe(0);
  });
});
