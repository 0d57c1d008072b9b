import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ServerResponse } from "node:http";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";
import { type RecordedRequest, startServer, type TestServer } from "./support/http-server.js";

/**
 * Source pages as a server writes them (raw bytes: big integers, long decimals, bad UTF-8, keys
 * twice, deep nesting) through a real run to a real target. Issue 12, items 2, 4 and 7.
 */
let source: TestServer;
let target: TestServer;
/** What the source answers, per request (the request is passed for incremental checks). */
let page: (req: RecordedRequest) => { body: string | Buffer; contentType?: string } = () => ({ body: "[]" });

beforeAll(async () => {
  source = await startServer((req, res) => answer(res, page(req)));
  target = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
});
afterAll(async () => {
  await Promise.all([source.close(), target.close()]);
});
afterEach(() => {
  source.requests.length = 0;
  target.requests.length = 0;
});

function answer(res: ServerResponse, { body, contentType }: { body: string | Buffer; contentType?: string }) {
  res.writeHead(200, { "content-type": contentType ?? "application/json" });
  res.end(body);
}

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-integrity-"));
let runs = 0;

/** Runs the connector (input from `source`, output to `target`) on the state file `state`. */
async function run(body: string, state = `run-${++runs}.db`, settings = "") {
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: integrity }
input:
  type: http
  baseUrl: ${source.url}
  path: /items
  records: items
${body}
settings:
  retries: { maxAttempts: 1 }
${settings}`;
  const { artifact, diagnostics } = validateArtifact(yaml, "test.yaml");
  expect(diagnostics).toEqual([]);
  const store = openStateStore(path.join(dir, state));
  const deadLetterPath = path.join(dir, `${state}.dead.ndjson`);
  try {
    const summary = await runConnector({ env: {}, deadLetterPath, artifact: artifact!, store });
    let dead: Record<string, unknown>[] = [];
    try {
      dead = readFileSync(deadLetterPath, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    } catch {}
    return { summary, dead, bodies: target.requests.map((request) => request.body) };
  } finally {
    store.close();
  }
}

const output = (extra = "") => `output:
  type: http
  baseUrl: ${target.url}
  path: /sink
  method: POST${extra}`;

describe("integers above 2^53 stay exact end to end", () => {
  const ids = '{"items":[{"id":9007199254740992,"n":1},{"id":9007199254740993,"n":2}]}';

  it("from: and CEL (int64) give the exact digits; two records get two idempotency keys", async () => {
    page = () => ({ body: ids });
    const { summary, bodies } = await run(`filters:
  - type: map
    fields:
      - { target: id, from: id }
      - { target: next, expr: record.id + 1 }
      - { target: big, expr: record.id > 9007199254740992 }
${output(`
  idempotency: { key: string(record.id) }`)}`);
    expect(summary.status).toBe("succeeded");
    expect(bodies).toEqual([
      '{"id":9007199254740992,"next":9007199254740993,"big":false}',
      '{"id":9007199254740993,"next":9007199254740994,"big":true}',
    ]);
    const keys = target.requests.map((request) => request.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(2);
  });

  it("the incremental cursor is saved and sent back with its exact digits", async () => {
    page = () => ({ body: ids });
    const spec = `  incremental: { cursorField: id, param: after }
${output()}`;
    await run(spec, "incremental.db");
    await run(spec, "incremental.db");
    expect(source.requests.map((request) => request.url)).toEqual(["/items", "/items?after=9007199254740993"]);
  });

  it("any page with integers of any size reaches the target through from: byte-exact", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt()), {
          minLength: 1,
          maxLength: 5,
        }),
        async (pairs) => {
          target.requests.length = 0;
          const records = pairs.map(([a, b]) => `{"a":${a},"b":{"c":[${b},${a}]}}`);
          page = () => ({ body: `{"items":[${records.join(",")}]}` });
          const { bodies } = await run(`filters:
  - type: map
    fields:
      - { target: x, from: a }
      - { target: y, from: b }
${output(`
  batch: { size: 100 }`)}`);
          expect(bodies).toEqual([`[${pairs.map(([a, b]) => `{"x":${a},"y":{"c":[${b},${a}]}}`).join(",")}]`]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("decimals beyond a double's precision and integers beyond int64 are copied byte-exact; CEL reading one fails that record", async () => {
    page = () => ({
      body: '{"items":[{"p":0.1000000000000000055511,"q":123456789012345678901234567890},{"p":1.5,"q":2}]}',
    });
    const copied = await run(`filters:
  - type: map
    fields: [{ target: p, from: p }, { target: q, from: q }]
${output()}`);
    expect(copied.bodies).toEqual(['{"p":0.1000000000000000055511,"q":123456789012345678901234567890}', '{"p":1.5,"q":2}']);
    target.requests.length = 0;
    const computed = await run(`filters:
  - type: map
    fields: [{ target: q, expr: record.q * 2 }]
${output()}`);
    expect(computed.bodies).toEqual(['{"q":4}']);
    expect(computed.dead).toHaveLength(1);
    expect(computed.dead[0]!.reason).toMatch(/record #0.*map → q.*a number beyond int64, or with more digits than a double keeps/);
  });
});

describe("source pages are decoded strictly", () => {
  it("bytes that are not UTF-8 in a record's string fail that record, naming the byte; the others are sent", async () => {
    const bad = Buffer.concat([Buffer.from('{"items":[{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"},{"name":"ok"}]}')]);
    page = () => ({ body: bad });
    const { summary, bodies, dead } = await run(output());
    expect(bodies).toEqual(['{"name":"ok"}']);
    expect(summary).toMatchObject({ status: "partial", counts: { sent: 1, failed: 1 } });
    expect(dead[0]).toMatchObject({ seq: 0, source: '{"name":"caf\ufffd"}' });
    expect(dead[0]!.reason).toMatch(/record 0 of input page 1 .*bytes that are not UTF-8 \(byte 22 of the body\) at items\[0\]\.name/);
  });

  it("bytes that are not UTF-8 outside any record fail the page, naming it and the byte", async () => {
    page = () => ({ body: Buffer.concat([Buffer.from('{"items":[{"id":1}]'), Buffer.from([0xff]), Buffer.from("}")]) });
    const { summary, bodies } = await run(output());
    expect(bodies).toEqual([]);
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/input page 1 .*not valid JSON .*bytes that are not UTF-8 at 19/);
  });

  it("a declared charset is honoured", async () => {
    page = () => ({
      body: Buffer.concat([Buffer.from('{"items":[{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}]}')]),
      contentType: "application/json; charset=ISO-8859-1",
    });
    const { summary, bodies } = await run(output());
    expect(summary.status).toBe("succeeded");
    expect(bodies).toEqual(['{"name":"café"}']);
  });

  it("a record with a key twice is dead-lettered naming the key; the others are sent", async () => {
    page = () => ({ body: '{"items":[{"id":1,"role":"user","role":"admin"},{"id":2,"role":"user"}]}' });
    const { summary, bodies, dead } = await run(output());
    expect(bodies).toEqual(['{"id":2,"role":"user"}']);
    expect(summary).toMatchObject({ status: "partial", counts: { sent: 1, failed: 1 } });
    expect(dead[0]).toMatchObject({ seq: 0, source: '{"id":1,"role":"user","role":"admin"}' });
    expect(dead[0]!.reason).toMatch(/record 0 of input page 1 .*duplicate key "role" at items\[0\]\.role/);
  });
});

describe("one record never stops a connector", () => {
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

  it("a record nested 5,000 levels is dead-lettered with its position and text; the run goes on", async () => {
    page = () => ({ body: `{"items":[{"id":1},{"id":2,"x":${deep(5000)}},{"id":3}]}` });
    const { summary, bodies, dead } = await run(output());
    expect(bodies).toEqual(['{"id":1}', '{"id":3}']);
    expect(summary).toMatchObject({ status: "partial", counts: { read: 3, sent: 2, failed: 1 } });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ seq: 1, source: `{"id":2,"x":${deep(5000)}}` });
    expect(dead[0]!.reason).toMatch(/record 1 of input page 1 .*nested deeper than 64 levels .*settings\.limits\.maxDepth/);
  });

  it("an incremental connector moves past it: the next run does not fail on it again", async () => {
    page = (req) =>
      req.url.includes("after=3")
        ? { body: '{"items":[]}' }
        : { body: `{"items":[{"id":1},{"id":2,"x":${deep(5000)}},{"id":3}]}` };
    const spec = `  incremental: { cursorField: id, param: after }
${output()}`;
    const first = await run(spec, "deep.db");
    const second = await run(spec, "deep.db");
    expect(first.summary.status).toBe("partial");
    expect(second.summary.status).toBe("succeeded");
    expect(source.requests.map((request) => request.url)).toEqual(["/items", "/items?after=3"]);
  });

  it("settings.limits.maxDepth sets the cap, the record being level 1", async () => {
    page = () => ({ body: `{"items":[{"id":1,"x":${deep(3)}},{"id":2,"x":${deep(2)}}]}` });
    const { bodies, dead } = await run(output(), undefined, "  limits: { maxDepth: 3 }\n");
    expect(bodies).toEqual([`{"id":2,"x":${deep(2)}}`]);
    expect(dead[0]!.reason).toMatch(/nested deeper than 3 levels/);
  });
});

describe("no walk over record values can overflow the stack", () => {
  const deep = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"leaf":1}${"}".repeat(levels - 1)}`;

  it("a record as deep as the largest maxDepth goes through from:, CEL, keepUnmapped, the target's refusal, the dead letter and a dry run", async () => {
    page = () => ({ body: `{"items":[{"id":1,"x":${deep(999)}}]}` });
    const refusing = await startServer((_req, res) => {
      res.writeHead(422, { "content-type": "application/json" });
      res.end("{}");
    });
    try {
      const { summary, dead } = await run(
        `filters:
  - type: map
    keepUnmapped: true
    fields:
      - { target: copy, from: x }
      - { target: viaCel, expr: record.x }
output:
  type: http
  baseUrl: ${refusing.url}
  path: /sink
  method: POST`,
        undefined,
        "  limits: { maxDepth: 1000 }\n",
      );
      expect(summary.counts).toMatchObject({ read: 1, failed: 1 });
      expect(refusing.requests[0]!.body).toBe(`{"copy":${deep(999)},"viaCel":${deep(999)},"id":1}`);
      expect(dead[0]).toMatchObject({ record: JSON.parse(refusing.requests[0]!.body) });
      const lines: string[] = [];
      const { artifact } = validateArtifact(
        `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: integrity }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output: { type: http, baseUrl: ${refusing.url}, path: /sink, method: POST }
settings:
  limits: { maxDepth: 1000 }
`,
        "dry.yaml",
      );
      const store = openStateStore(path.join(dir, "dry.db"));
      try {
        await runConnector({ env: {}, artifact: artifact!, store, dryRun: { write: (line) => lines.push(line) } });
      } finally {
        store.close();
      }
      expect(lines.map((line) => (JSON.parse(line) as { body: unknown }).body)).toEqual([
        JSON.parse(`{"id":1,"x":${deep(999)}}`),
      ]);
    } finally {
      await refusing.close();
    }
  });
});

describe("replaying the dead letter", () => {
  it("sends a big id again with its own digits and keeps an unreadable record dead-lettered", async () => {
    let accept = false;
    const refusing = await startServer((_req, res) => {
      res.writeHead(accept ? 200 : 422, { "content-type": "application/json" });
      res.end("{}");
    });
    page = () => ({ body: `{"items":[{"id":9007199254740993},{"id":2,"x":${'{"a":'.repeat(100)}1${"}".repeat(100)}}]}` });
    const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: integrity }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output: { type: http, baseUrl: ${refusing.url}, path: /sink, method: POST }
settings:
  retries: { maxAttempts: 1 }
`;
    const { artifact } = validateArtifact(yaml, "test.yaml");
    const store = openStateStore(path.join(dir, "replay.db"));
    const deadLetterFile = path.join(dir, "replay.dead.ndjson");
    try {
      await runConnector({ env: {}, deadLetterPath: deadLetterFile, artifact: artifact!, store });
      const unread = readFileSync(deadLetterFile, "utf8")
        .split("\n")
        .find((line) => line.includes('"source":'));
      expect(unread).toContain('"seq":1');
      accept = true;
      refusing.requests.length = 0;
      const { replayDeadLetters } = await import("../runtime/engine/replay.js");
      const summary = await replayDeadLetters({ env: {}, deadLetterFile, artifact: artifact!, store });
      expect(summary).toMatchObject({ replayed: 1, counts: { sent: 1 } });
      expect(refusing.requests.map((request) => request.body)).toEqual(['{"id":9007199254740993}']);
      expect(readFileSync(deadLetterFile, "utf8")).toBe(`${unread}\n`);
    } finally {
      store.close();
      await refusing.close();
    }
  });
});
