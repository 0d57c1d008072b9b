import { afterEach, describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { type Harness, harness, records } from "./output-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("http output: the OAuth2 token endpoint", () => {
  it("answering 503 then recovering is retried like any request: nothing is dead-lettered", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { ok: true }), { tokenFailures: [503, 503] });
    const result = await h.output.deliver(records({ client_id: "c-1" }));
    expect(result).toEqual({ delivered: 1, deadLettered: 0 });
    expect(h.tokenRequests()).toHaveLength(3);
    expect(h.apiRequests()).toHaveLength(1);
  });

  it("refusing the client (401 invalid_client) is final: the record is dead-lettered without retries", async () => {
    h = await harness((_req, res) => sendJson(res, 200, { ok: true }), { tokenFailures: [401, 401, 401] });
    const result = await h.output.deliver(records({ client_id: "c-1" }));
    expect(result).toEqual({ delivered: 0, deadLettered: 1 });
    expect(h.tokenRequests()).toHaveLength(1);
    expect(h.apiRequests()).toHaveLength(0);
    expect(h.deadLetter.entries[0]?.reason).toMatch(/token request .* failed with status 401/);
  });
});
