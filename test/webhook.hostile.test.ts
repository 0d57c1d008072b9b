import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign, type WebhookRig, webhookRig } from "../runtime/modules/input-webhook/test-support.js";

const SECRET = "hostile-secret";
const LIMIT = 1024 * 1024;
let sequence = 0;

interface Case {
  name: string;
  body: () => Uint8Array;
  contentType?: string;
  method?: string;
  status: number;
  error: RegExp;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const CASES: Case[] = [
  {
    name: "1 MiB + 1 body",
    body: () => utf8(`{"pad":"${"a".repeat(LIMIT + 1 - 10)}"}`),
    status: 413,
    error: /larger than 1048576 bytes/,
  },
  {
    name: "deeply nested JSON",
    body: () => utf8(`${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    status: 400,
    error: /nested deeper/,
  },
  {
    name: "65 levels of objects",
    body: () => utf8(`${'{"a":'.repeat(65)}1${"}".repeat(65)}`),
    status: 400,
    error: /nested deeper/,
  },
  {
    name: "__proto__ key",
    body: () => utf8('{"issue":{"__proto__":{"polluted":true}}}'),
    status: 400,
    error: /forbidden key __proto__/,
  },
  {
    name: "constructor.prototype keys",
    body: () => utf8('{"constructor":{"prototype":{"polluted":true}}}'),
    status: 400,
    error: /forbidden key/,
  },
  {
    name: "invalid UTF-8",
    body: () => Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    status: 400,
    error: /UTF-8/,
  },
  {
    name: "a key twice",
    body: () => utf8('{"issue":{"role":"user","role":"admin"}}'),
    status: 400,
    error: /duplicate key "role"/,
  },
  { name: "malformed JSON", body: () => utf8('{"a": 1,'), status: 400, error: /not valid JSON/ },
  { name: "JSON that is not an object", body: () => utf8("42"), status: 422, error: /not an object/ },
  {
    name: "a number too long for a double",
    body: () => utf8("123456789012345678901234567890"),
    status: 422,
    error: /not an object/,
  },
  {
    name: "wrong content type",
    body: () => utf8('{"a":1}'),
    contentType: "text/plain",
    status: 415,
    error: /text\/plain is not accepted/,
  },
  {
    name: "form content type",
    body: () => utf8("a=1"),
    contentType: "application/x-www-form-urlencoded",
    status: 415,
    error: /not accepted/,
  },
  { name: "GET", body: () => new Uint8Array(0), method: "GET", status: 405, error: /method GET not allowed/ },
];

describe("webhook hostile input", () => {
  let rig: WebhookRig;
  beforeAll(async () => {
    rig = await webhookRig({ input: { verify: { type: "github", secrets: ["${env:S}"] } }, env: { S: SECRET } });
  });
  afterAll(() => rig.close());

  it.each(CASES)("$name → $status, nothing stored", async ({ body, contentType, method, status, error }) => {
    const bytes = body();
    const headers: Record<string, string> = {
      "content-type": contentType ?? "application/json",
      "x-github-delivery": `h-${sequence++}`,
      ...sign.github(SECRET, bytes),
    };
    const response = await fetch(rig.url, {
      method: method ?? "POST",
      headers,
      ...(method === "GET" ? {} : { body: bytes }),
    });
    expect(response.status).toBe(status);
    expect(String(((await response.json()) as { error: unknown }).error)).toMatch(error);
    expect(rig.rows()).toBe(0);
    expect(rig.outcomes.at(-1)).toBe(`rejected ${status}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${rig.server}/healthz`)).status).toBe(200);
  });

  it("answers 413 to a chunked body over the limit without a content-length", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the limit: the receiver must stop reading long before the end.
        if (sent >= 64 * LIMIT) controller.close();
        else {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await fetch(rig.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...sign.github(SECRET, "") },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(16 * LIMIT);
    expect(rig.rows()).toBe(0);
  });

  it("still accepts a good delivery afterwards", async () => {
    const body = JSON.stringify({ ok: true });
    const answer = await rig.post(body, { "x-github-delivery": "good", ...sign.github(SECRET, body) });
    expect(answer.status).toBe(202);
    expect(rig.rows()).toBe(1);
  });
});

describe("webhook numbers", () => {
  it("integers above 2^53 and long decimals reach the target byte-exact, CEL reads them as int64", async () => {
    const rig = await webhookRig({
      input: { verify: { type: "github", secrets: ["${env:S}"] } },
      env: { S: SECRET },
      filters: [
        {
          type: "map",
          fields: [
            { target: "id", from: "id" },
            { target: "next", expr: "record.id + 1" },
            { target: "amount", from: "amount" },
          ],
        },
      ],
    });
    try {
      const body = '{"id":9007199254740993,"amount":0.1000000000000000055511}';
      expect((await rig.post(body, { "x-github-delivery": "n-1", ...sign.github(SECRET, body) })).status).toBe(202);
      await rig.process();
      expect(rig.target.requests.map((request) => request.body)).toEqual([
        '{"id":9007199254740993,"next":9007199254740994,"amount":0.1000000000000000055511}',
      ]);
    } finally {
      await rig.close();
    }
  });
});
