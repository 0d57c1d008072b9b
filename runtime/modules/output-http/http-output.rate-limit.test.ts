import { afterEach, describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { type Harness, harness, records } from "./output-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("http output: a rate-limited host", () => {
  it("pauses every later request to the host for the Retry-After, even when the 429'd request gives up", async () => {
    let answered = 0;
    h = await harness(
      (_req, res) => {
        answered++;
        if (answered === 1) return sendJson(res, 429, { error: "slow down" }, { "retry-after": "7" });
        sendJson(res, 200, { ok: true });
      },
      { retry: { maxAttempts: 1 } },
    );
    expect(await h.output.deliver(records({ client_id: "c-1" }))).toEqual({ delivered: 0, deadLettered: 1 });
    expect(h.clock.sleeps).toEqual([]);
    expect(await h.output.deliver(records({ client_id: "c-2" }))).toEqual({ delivered: 1, deadLettered: 0 });
    expect(h.clock.sleeps).toEqual([7_000]);
  });

  it("never pauses the host longer than the Retry-After cap", async () => {
    let answered = 0;
    h = await harness(
      (_req, res) => {
        answered++;
        if (answered === 1) return sendJson(res, 429, {}, { "retry-after": "86400" });
        sendJson(res, 200, { ok: true });
      },
      { retry: { maxAttempts: 1, maxRetryAfterMs: 60_000 } },
    );
    await h.output.deliver(records({ client_id: "c-1" }));
    await h.output.deliver(records({ client_id: "c-2" }));
    expect(h.clock.sleeps).toEqual([60_000]);
  });
});
