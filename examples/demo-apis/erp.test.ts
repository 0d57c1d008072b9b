import { afterEach, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, type DemoApis, type DemoApisOptions, type ErpClient, startDemoApis } from "./index.js";

let apis: DemoApis | undefined;
afterEach(async () => {
  await apis?.close();
  apis = undefined;
});

async function start(options: DemoApisOptions = {}): Promise<DemoApis> {
  apis = await startDemoApis({ customers: 0, ...options });
  return apis;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function requestToken(erpUrl: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${erpUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

async function token(erpUrl: string): Promise<string> {
  const res = await requestToken(erpUrl, "grant_type=client_credentials", {
    authorization: basic(DEMO_CREDENTIALS.erpClientId, DEMO_CREDENTIALS.erpClientSecret),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const ada: ErpClient = {
  client_id: "cus_000001",
  full_name: "Ada Lovelace",
  email: "ada@example.com",
  segment: "STANDARD",
  balance_cents: 123450,
  customer_since: "2023-03-14",
  city: "Paris",
  country: "FR",
  tags: ["vip"],
};

describe("demo ERP POST /oauth/token", () => {
  it.each<{ name: string; body: string; headers: Record<string, string> }>([
    {
      name: "basic credentials",
      body: "grant_type=client_credentials",
      headers: { authorization: basic("demo-erp-client", "demo-erp-secret-93b7c1") },
    },
    {
      name: "body credentials",
      body: "grant_type=client_credentials&client_id=demo-erp-client&client_secret=demo-erp-secret-93b7c1",
      headers: {},
    },
  ])("issues a bearer token for $name", async ({ body, headers }) => {
    const { erpUrl, erp } = await start();
    const res = await requestToken(erpUrl, body, headers);
    expect(res.status).toBe(200);
    const json = (await res.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(json.access_token).toEqual(expect.any(String));
    expect(erp.tokensIssued).toBe(1);
  });

  it.each<{ name: string; body: string; headers: Record<string, string>; status: number; error: string }>([
    {
      name: "a wrong secret",
      body: "grant_type=client_credentials",
      headers: { authorization: basic("demo-erp-client", "guess") },
      status: 401,
      error: "invalid_client",
    },
    {
      name: "a wrong client id",
      body: "grant_type=client_credentials&client_id=x&client_secret=demo-erp-secret-93b7c1",
      headers: {},
      status: 401,
      error: "invalid_client",
    },
    {
      name: "no credentials",
      body: "grant_type=client_credentials",
      headers: {},
      status: 401,
      error: "invalid_client",
    },
    {
      name: "another grant",
      body: "grant_type=password",
      headers: { authorization: basic("demo-erp-client", "demo-erp-secret-93b7c1") },
      status: 400,
      error: "unsupported_grant_type",
    },
  ])("refuses $name", async ({ body, headers, status, error }) => {
    const { erpUrl, erp } = await start();
    const res = await requestToken(erpUrl, body, headers);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error });
    expect(erp.tokensIssued).toBe(0);
  });
});

describe("demo ERP POST /clients", () => {
  it.each([
    { name: "no token", authorization: undefined },
    { name: "an unknown token", authorization: "Bearer erp_made_up" },
    { name: "basic credentials", authorization: basic("demo-erp-client", "demo-erp-secret-93b7c1") },
  ])("answers 401 with $name", async ({ authorization }) => {
    const { erpUrl, erp } = await start();
    const res = await post(`${erpUrl}/clients`, ada, authorization ? { authorization } : {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_token" });
    expect(erp.clients.size).toBe(0);
    expect(erp.requests).toBe(1);
  });

  it("refuses a token once it has expired on the ERP's clock", async () => {
    let now = 1_000_000;
    const { erpUrl } = await start({ now: () => now, tokenTtlSeconds: 60 });
    const authorization = `Bearer ${await token(erpUrl)}`;
    now += 59_000;
    expect((await post(`${erpUrl}/clients`, ada, { authorization })).status).toBe(201);
    now += 1_000;
    expect((await post(`${erpUrl}/clients`, ada, { authorization })).status).toBe(401);
  });

  it("creates, then replaces and counts a duplicate", async () => {
    const { erpUrl, erp } = await start();
    const authorization = `Bearer ${await token(erpUrl)}`;
    const first = await post(`${erpUrl}/clients`, ada, { authorization });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ client_id: "cus_000001", result: "created" });
    const second = await post(`${erpUrl}/clients`, { ...ada, city: "Lyon" }, { authorization });
    expect(second.status).toBe(200);
    expect(erp.clients.get("cus_000001")?.city).toBe("Lyon");
    expect({ received: erp.received, duplicates: erp.duplicates, requests: erp.requests }).toEqual({
      received: 2,
      duplicates: 1,
      requests: 2,
    });
  });

  it.each([
    { name: "missing email", body: { client_id: "c1", full_name: "A" }, field: "email" },
    { name: "empty full_name", body: { ...ada, full_name: " " }, field: "full_name" },
    { name: "unknown segment", body: { ...ada, segment: "GOLD" }, field: "segment" },
    { name: "fractional cents", body: { ...ada, balance_cents: 12.5 }, field: "balance_cents" },
    { name: "impossible date", body: { ...ada, customer_since: "2023-02-30" }, field: "customer_since" },
    { name: "untrimmed email", body: { ...ada, email: " ada@example.com " }, field: "email" },
    { name: "lower-case country", body: { ...ada, country: "fr" }, field: "country" },
    { name: "unknown field", body: { ...ada, phone: "+33" }, field: "phone" },
  ])("refuses $name with 400 naming the field", async ({ body, field }) => {
    const { erpUrl, erp } = await start();
    const res = await post(`${erpUrl}/clients`, body, { authorization: `Bearer ${await token(erpUrl)}` });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: string; message: string; details: { field: string }[] };
    expect(json.error).toBe("validation_failed");
    expect(json.details.map((d) => d.field)).toContain(field);
    expect(json.message).toContain(field);
    expect(erp.clients.size).toBe(0);
    expect(erp.rejected).toBe(1);
  });

  it("accepts nulls for optional fields", async () => {
    const { erpUrl } = await start();
    const res = await post(
      `${erpUrl}/clients`,
      { ...ada, segment: null, tags: null },
      { authorization: `Bearer ${await token(erpUrl)}` },
    );
    expect(res.status).toBe(201);
  });
});

describe("demo ERP POST /clients/batch", () => {
  const batch = (n: number): ErpClient[] => Array.from({ length: n }, (_, i) => ({ ...ada, client_id: `c${i}` }));

  it("stores a valid batch", async () => {
    const { erpUrl, erp } = await start();
    const res = await post(
      `${erpUrl}/clients/batch`,
      { clients: batch(3) },
      { authorization: `Bearer ${await token(erpUrl)}` },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, created: 3, updated: 0 });
    expect([...erp.clients.keys()]).toEqual(["c0", "c1", "c2"]);
  });

  it("refuses the whole batch when one client is invalid, naming its index", async () => {
    const { erpUrl, erp } = await start();
    const clients: unknown[] = batch(4);
    clients[2] = { ...ada, segment: "GOLD" };
    const res = await post(`${erpUrl}/clients/batch`, { clients }, { authorization: `Bearer ${await token(erpUrl)}` });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { message: string; details: unknown[] };
    expect(json.details).toEqual([{ index: 2, field: "segment", message: "must be one of STANDARD, PROSPECT" }]);
    expect(json.message).toContain("clients[2].segment");
    expect(erp.clients.size).toBe(0);
    expect(erp.rejected).toBe(4);
  });

  it.each([
    { name: "more than 500 clients", body: { clients: batch(501) } },
    { name: "no clients", body: { clients: [] } },
    { name: "a bare array", body: batch(2) },
  ])("refuses $name", async ({ body }) => {
    const { erpUrl, erp } = await start();
    const res = await post(`${erpUrl}/clients/batch`, body, { authorization: `Bearer ${await token(erpUrl)}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "validation_failed", details: [{ field: "clients" }] });
    expect(erp.clients.size).toBe(0);
  });

  it("refuses a body that is not JSON", async () => {
    const { erpUrl } = await start();
    const res = await fetch(`${erpUrl}/clients/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${await token(erpUrl)}` },
      body: "{clients:",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_json" });
  });
});

describe("demo ERP idempotency", () => {
  it("replays a repeated key and body without storing again", async () => {
    const { erpUrl, erp } = await start();
    const headers = { authorization: `Bearer ${await token(erpUrl)}`, "idempotency-key": "k-1" };
    const first = await post(`${erpUrl}/clients/batch`, { clients: [ada] }, headers);
    const again = await post(`${erpUrl}/clients/batch`, { clients: [ada] }, headers);
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect({ received: erp.received, duplicates: erp.duplicates, replays: erp.idempotentReplays }).toEqual({
      received: 1,
      duplicates: 0,
      replays: 1,
    });
  });

  it("refuses a key reused with another body", async () => {
    const { erpUrl, erp } = await start();
    const headers = { authorization: `Bearer ${await token(erpUrl)}`, "idempotency-key": "k-1" };
    await post(`${erpUrl}/clients`, ada, headers);
    const res = await post(`${erpUrl}/clients`, { ...ada, city: "Lyon" }, headers);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: "idempotency_key_reused" });
    expect(erp.clients.get("cus_000001")?.city).toBe("Paris");
  });

  it("does not remember failures, so a corrected retry with the same key goes through", async () => {
    const { erpUrl, erp } = await start();
    const headers = { authorization: `Bearer ${await token(erpUrl)}`, "idempotency-key": "k-1" };
    expect((await post(`${erpUrl}/clients`, { ...ada, segment: "GOLD" }, headers)).status).toBe(400);
    expect((await post(`${erpUrl}/clients`, ada, headers)).status).toBe(201);
    expect(erp.idempotentReplays).toBe(0);
  });
});

describe("demo ERP stats and faults", () => {
  it("serves the counters on GET /_stats", async () => {
    const { erpUrl, erp } = await start();
    const authorization = `Bearer ${await token(erpUrl)}`;
    await post(`${erpUrl}/clients/batch`, { clients: [ada, { ...ada, client_id: "x" }] }, { authorization });
    await post(`${erpUrl}/clients`, ada, { authorization });
    const res = await fetch(`${erpUrl}/_stats`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const want = {
      clients: 2,
      received: 3,
      duplicates: 1,
      rejected: 0,
      requests: 2,
      idempotentReplays: 0,
      tokensIssued: 1,
      faultsInjected: 0,
    };
    expect(await res.json()).toEqual(want);
    expect(erp.clients.size).toBe(want.clients);
  });

  it("injects the configured fault on every n-th request", async () => {
    const { erpUrl, erp } = await start({ erpFaults: { every: 2, status: 503, retryAfterSeconds: 0 } });
    const authorization = `Bearer ${await token(erpUrl)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post(`${erpUrl}/clients`, { ...ada, client_id: `c${i}` }, { authorization })).status);
    expect(statuses).toEqual([201, 503, 201, 503]);
    expect(erp.faultsInjected).toBe(2);
    expect(erp.clients.size).toBe(2);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const { erpUrl } = await start();
    const res = await fetch(`${erpUrl}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
