import { describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { isCannectorsError } from "../../errors/index.js";
import { idempotencyKey } from "./idempotency-key.js";
import { harness, records, TOKENS } from "./output-harness.js";

describe("http output retries", () => {
  it("retries 503 with growing backoff, then delivers once", async () => {
    let calls = 0;
    const h = await harness((_req, res) => sendJson(res, ++calls <= 3 ? 503 : 200, {}));
    try {
      const result = await h.output.deliver(records({ id: 1 }));
      expect(result).toEqual({ delivered: 1, deadLettered: 0 });
      expect(h.apiRequests()).toHaveLength(4);
      expect(h.clock.sleeps).toEqual([500, 1000, 2000]);
      const warnings = h.logger.entries.filter((line) => line.level === "warn");
      expect(warnings.map((w) => [w.fields.attempt, w.fields.status, w.fields.waitMs])).toEqual([
        [1, 503, 500],
        [2, 503, 1000],
        [3, 503, 2000],
      ]);
      expect(h.deadLetter.entries).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it.each([
    { name: "delta seconds", retryAfter: () => "3", want: 3000 },
    { name: "HTTP-date", retryAfter: (now: number) => new Date(now + 7000).toUTCString(), want: 7000 },
    { name: "shorter than backoff", retryAfter: () => "0", want: 500 },
  ])("honours Retry-After as $name on 429", async ({ retryAfter, want }) => {
    let calls = 0;
    const h = await harness((_req, res) =>
      ++calls === 1
        ? sendJson(res, 429, { error: "slow down" }, { "retry-after": retryAfter(h.clock.now()) })
        : sendJson(res, 201, {}),
    );
    try {
      expect(await h.output.deliver(records({ id: 1 }))).toEqual({ delivered: 1, deadLettered: 0 });
      expect(h.clock.sleeps).toEqual([want]);
    } finally {
      await h.close();
    }
  });

  it("dead-letters instead of sleeping when Retry-After exceeds the cap", async () => {
    const h = await harness((_req, res) => sendJson(res, 429, { error: "quota" }, { "retry-after": "120" }));
    try {
      expect(await h.output.deliver(records({ id: 1 }))).toEqual({ delivered: 0, deadLettered: 1 });
      expect(h.clock.sleeps).toEqual([]);
      expect(h.apiRequests()).toHaveLength(1);
      const [entry] = h.deadLetter.entries;
      expect(entry).toMatchObject({ seq: 0, status: 429, attempts: 1, responseExcerpt: '{"error":"quota"}' });
      expect(entry?.reason).toMatch(/^Retry-After of 120 s exceeds the cap \(60 s\)/);
    } finally {
      await h.close();
    }
  });

  it("dead-letters after maxAttempts when the server keeps failing", async () => {
    const h = await harness((_req, res) => sendJson(res, 503, { error: "down" }), { retry: { maxAttempts: 3 } });
    try {
      expect(await h.output.deliver(records({ id: 1 }))).toEqual({ delivered: 0, deadLettered: 1 });
      expect(h.apiRequests()).toHaveLength(3);
      expect(h.clock.sleeps).toEqual([500, 1000]);
      expect(h.deadLetter.entries[0]?.reason).toMatch(
        /^gave up after 3 attempts: HTTP 503 from POST http:\/\/127\.0\.0\.1/,
      );
    } finally {
      await h.close();
    }
  });

  it.each([
    { name: "no auth", auth: undefined },
    { name: "OAuth2 token endpoint down too", auth: "oauth2" },
  ])("retries network errors, then dead-letters with a null status ($name)", async ({ auth }) => {
    const h = await harness((_req, res) => sendJson(res, 200, {}), {
      retry: { maxAttempts: 3 },
      spec: auth === undefined ? { auth: undefined } : {},
    });
    await h.server.close();
    try {
      expect(await h.output.deliver(records({ id: 1 }))).toEqual({ delivered: 0, deadLettered: 1 });
      expect(h.clock.sleeps).toEqual([500, 1000]);
      expect(h.deadLetter.entries[0]).toMatchObject({ status: null, attempts: 3, responseExcerpt: "" });
      expect(h.deadLetter.entries[0]?.reason).toMatch(/^gave up after 3 attempts: .*ECONNREFUSED/);
    } finally {
      await h.close();
    }
  });

  it("treats a request timeout (spec.timeout) as retryable", async () => {
    const h = await harness(() => {}, { spec: { auth: undefined, timeout: "40ms" }, retry: { maxAttempts: 2 } });
    try {
      expect(await h.output.deliver(records({ id: 1 }))).toEqual({ delivered: 0, deadLettered: 1 });
      expect(h.apiRequests()).toHaveLength(2);
      expect(h.deadLetter.entries[0]?.reason).toMatch(/^gave up after 2 attempts: .*timed out after 40 ms/);
    } finally {
      await h.close();
    }
  });

  it("does not retry a request the client refuses to send", async () => {
    const h = await harness((_req, res) => sendJson(res, 200, {}), {
      spec: { auth: undefined, baseUrl: "http://127.0.0.2:9" },
    });
    try {
      expect(await h.output.deliver(records({ id: 1 }))).toEqual({ delivered: 0, deadLettered: 1 });
      expect(h.clock.sleeps).toEqual([]);
      expect(h.deadLetter.entries[0]).toMatchObject({ status: null, attempts: 1 });
      expect(h.deadLetter.entries[0]?.reason).toMatch(/not declared by the connector/);
    } finally {
      await h.close();
    }
  });

  it("refreshes credentials once on 401 and sends again without waiting", async () => {
    const h = await harness((req, res) =>
      sendJson(res, req.headers.authorization === `Bearer ${TOKENS[0]}` ? 401 : 200, {}),
    );
    try {
      expect(await h.output.deliver(records({ id: 1 }))).toEqual({ delivered: 1, deadLettered: 0 });
      expect(h.apiRequests().map((r) => r.headers.authorization)).toEqual([
        `Bearer ${TOKENS[0]}`,
        "Bearer tok-very-secret-2",
      ]);
      expect(h.tokenRequests()).toHaveLength(2);
      expect(h.clock.sleeps).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it("dead-letters a second 401 without splitting or retrying further", async () => {
    const h = await harness((_req, res) => sendJson(res, 401, { error: "nope" }), { spec: { batch: { size: 5 } } });
    try {
      expect(await h.output.deliver(records({ id: 1 }, { id: 2 }))).toEqual({ delivered: 0, deadLettered: 2 });
      expect(h.apiRequests()).toHaveLength(2);
      expect(h.deadLetter.entries.map((e) => [e.seq, e.status, e.attempts])).toEqual([
        [0, 401, 2],
        [1, 401, 2],
      ]);
    } finally {
      await h.close();
    }
  });

  it("sends the same idempotency key on every retry and on a rerun, and no secret in it", async () => {
    let calls = 0;
    const h = await harness((_req, res) => sendJson(res, ++calls % 2 === 1 ? 503 : 200, {}), {
      spec: { idempotency: { key: "record.client_id" } },
    });
    try {
      const batch = records({ client_id: "c-42", token: TOKENS[0] });
      await h.output.deliver(batch);
      await h.rerun().deliver(batch);
      const keys = h.apiRequests().map((r) => r.headers["idempotency-key"]);
      expect(keys).toEqual(Array(4).fill(idempotencyKey("crm-sync", ["c-42"])));
      for (const request of h.apiRequests()) {
        expect(JSON.stringify({ ...request.headers, authorization: undefined })).not.toContain("secret");
      }
    } finally {
      await h.close();
    }
  });

  it("rejects with CANCELLED when the run is aborted during a retry wait", async () => {
    const controller = new AbortController();
    const h = await harness(
      (_req, res) => {
        controller.abort(new Error("shutdown"));
        sendJson(res, 503, {});
      },
      { signal: controller.signal },
    );
    try {
      const error = await h.output.deliver(records({ id: 1 })).catch((e: unknown) => e);
      expect(isCannectorsError(error, "CANNECTORS_E_CANCELLED")).toBe(true);
      expect(h.deadLetter.entries).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
