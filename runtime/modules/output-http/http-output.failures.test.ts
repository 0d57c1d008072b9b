import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { createDeadLetterFile } from "../../engine/dead-letter-file.js";
import { harness, records, TOKENS } from "./output-harness.js";
import { plainRedactor } from "./test-support.js";

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannectors-out-")), name);
}

function readNdjson(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("http output permanent failures", () => {
  it("single mode: dead-letters the records the API rejects and delivers the rest", async () => {
    const file = tempFile("dead.ndjson");
    const deadLetter = createDeadLetterFile(file, plainRedactor([TOKENS[0]]));
    const h = await harness(
      (req, res) => {
        const body = JSON.parse(req.body) as { email?: string };
        if (body.email?.includes("@")) sendJson(res, 201, {});
        else sendJson(res, 400, { error: `invalid email for ${req.url}`, echo: req.headers.authorization });
      },
      { spec: { path: "/clients/{id}", method: "PUT" }, deadLetter },
    );
    try {
      const batch = records(
        { id: "a", email: "a@x" },
        { id: "b", email: "nope" },
        { email: "c@x" },
        { id: "d", email: "d@x" },
      );
      expect(await h.output.deliver(batch)).toEqual({ delivered: 2, deadLettered: 2 });
      await h.output.close();
      expect(h.apiRequests().map((r) => `${r.method} ${r.url}`)).toEqual([
        "PUT /clients/a",
        "PUT /clients/b",
        "PUT /clients/d",
      ]);
      expect(readNdjson(file)).toEqual([
        {
          connector: "crm-sync",
          seq: 1,
          record: { id: "b", email: "nope" },
          status: 400,
          reason: expect.stringMatching(/^HTTP 400 from PUT http:\/\/127\.0\.0\.1:\d+\/clients\/b$/),
          responseExcerpt: '{"error":"invalid email for /clients/b","echo":"Bearer ***"}',
          attempts: 1,
        },
        {
          connector: "crm-sync",
          seq: 2,
          record: { email: "c@x" },
          status: null,
          reason: "path placeholder {id} has no value in the record",
          responseExcerpt: "",
          attempts: 0,
        },
      ]);
      expect(fs.readFileSync(file, "utf8")).not.toContain(TOKENS[0]);
    } finally {
      await h.close();
    }
  });

  it("batch mode: splits a rejected batch and dead-letters only the records rejected alone", async () => {
    const h = await harness(
      (req, res) => {
        const { clients } = JSON.parse(req.body) as { clients: { id: number; bad?: boolean }[] };
        sendJson(res, clients.some((c) => c.bad) ? 422 : 200, {});
      },
      { spec: { path: "/bulk", batch: { size: 10, wrap: "clients" }, idempotency: { key: "record.id" } } },
    );
    try {
      const batch = records({ id: 1 }, { id: 2, bad: true }, { id: 3 }, { id: 4, bad: true });
      expect(await h.output.deliver(batch)).toEqual({ delivered: 2, deadLettered: 2 });
      expect(h.apiRequests().map((r) => JSON.parse(r.body))).toEqual([
        { clients: [{ id: 1 }, { id: 2, bad: true }, { id: 3 }, { id: 4, bad: true }] },
        { clients: [{ id: 1 }] },
        { clients: [{ id: 2, bad: true }] },
        { clients: [{ id: 3 }] },
        { clients: [{ id: 4, bad: true }] },
      ]);
      const keys = new Set(h.apiRequests().map((r) => r.headers["idempotency-key"]));
      expect(keys.size).toBe(5);
      expect(h.deadLetter.entries.map((e) => [e.seq, e.status, e.attempts])).toEqual([
        [1, 422, 1],
        [3, 422, 1],
      ]);
    } finally {
      await h.close();
    }
  });

  it("batch mode: dead-letters every record of a request whose retries ran out, without splitting", async () => {
    const h = await harness((_req, res) => sendJson(res, 500, {}), {
      spec: { batch: { size: 10 } },
      retry: { maxAttempts: 2 },
    });
    try {
      expect(await h.output.deliver(records({ id: 1 }, { id: 2 }))).toEqual({ delivered: 0, deadLettered: 2 });
      expect(h.apiRequests()).toHaveLength(2);
      expect(h.deadLetter.entries.map((e) => [e.seq, e.attempts])).toEqual([
        [0, 2],
        [1, 2],
      ]);
    } finally {
      await h.close();
    }
  });

  it("keeps only the first 512 bytes of the response body, redacted", async () => {
    const h = await harness((_req, res) => {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(`${TOKENS[0]}${"x".repeat(2000)}`);
    }, {});
    try {
      await h.output.deliver(records({ id: 1 }));
      const excerpt = h.deadLetter.entries[0]?.responseExcerpt ?? "";
      expect(excerpt).toBe(`***${"x".repeat(512 - TOKENS[0].length)}`);
    } finally {
      await h.close();
    }
  });
});
