import { afterEach, describe, expect, it } from "vitest";
import { HttpOutput } from "../../runtime/artifact/index.js";
import { loadSpec } from "../../runtime/contract/spec.js";
import { startTargetMock, type TargetMock } from "./target-mock.js";

const erp = loadSpec(new URL("../../examples/demo-apis/erp/openapi.yaml", import.meta.url).pathname);
const client = (id: string) => ({ client_id: id, full_name: "Ada Lovelace", email: `${id}@example.com` });
const batchOutput = HttpOutput.parse({
  type: "http",
  baseUrl: "http://127.0.0.1:1",
  path: "/clients/batch",
  batch: { size: 10, wrap: "clients" },
  idempotency: { key: "record.client_id" },
});

let mock: TargetMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${mock!.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { message?: string } };
}

describe("the target mock", () => {
  it("keeps the records of a body its request schema accepts, with the request's idempotency key", async () => {
    mock = await startTargetMock(erp, batchOutput, {});
    const answer = await post("/clients/batch", { clients: [client("a"), client("b")] }, { "Idempotency-Key": "k1" });
    expect(answer.status).toBe(200);
    expect(mock.arrivals).toEqual([
      { record: client("a"), request: 1, idempotencyKey: "k1" },
      { record: client("b"), request: 1, idempotencyKey: "k1" },
    ]);
  });

  it("refuses a body the schema refuses with the operation's 4xx, in ajv's words, and keeps nothing", async () => {
    mock = await startTargetMock(erp, batchOutput, {});
    const answer = await post("/clients/batch", { clients: [{ ...client("a"), balance_cents: "12.50" }] });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain("/clients/0/balance_cents must be integer");
    expect(mock.violations).toEqual([{ request: 1, problems: ["/clients/0/balance_cents must be integer"] }]);
    expect(mock.arrivals).toEqual([]);
  });

  it("refuses a whole batch holding a chosen record, and the record alone", async () => {
    mock = await startTargetMock(erp, batchOutput, { rejects: (r) => (r as { client_id: string }).client_id === "b" });
    expect((await post("/clients/batch", { clients: [client("a"), client("b")] })).status).toBe(400);
    expect((await post("/clients/batch", { clients: [client("a")] })).status).toBe(200);
    expect((await post("/clients/batch", { clients: [client("b")] })).body.message).toContain("refuses this record");
    expect(mock.arrivals.map((a) => a.record)).toEqual([client("a")]);
  });

  it("answers the Nth write with a fault (Retry-After in seconds) and token requests with a token", async () => {
    mock = await startTargetMock(erp, batchOutput, {
      faults: [{ request: 1, status: 429, retryAfter: 2 }],
      tokenPaths: ["/oauth/token"],
    });
    const token = await fetch(`${mock.url}/oauth/token`, { method: "POST", body: "grant_type=client_credentials" });
    expect(((await token.json()) as { token_type: string }).token_type).toBe("Bearer");
    const first = await fetch(`${mock.url}/clients/batch`, {
      method: "POST",
      body: JSON.stringify({ clients: [client("a")] }),
    });
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "2"]);
    expect((await post("/clients/batch", { clients: [client("a")] })).status).toBe(200);
    expect(mock.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});
