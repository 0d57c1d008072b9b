import { describe, expect, it } from "vitest";
import { HttpOutput } from "../../artifact/index.js";
import { isCannectorsError } from "../../errors/index.js";
import { idempotencyKey } from "./idempotency-key.js";
import { createRequestBuilder, type PreparedRecord } from "./request-builder.js";

const base = { type: "http", baseUrl: "http://api.test/v1/" } as const;

function prepareAll(spec: HttpOutput, values: Record<string, unknown>[]): PreparedRecord[] {
  const builder = createRequestBuilder(spec, "crm-sync");
  return values.map((value, seq) => {
    const preparation = builder.prepare({ seq, value });
    if (!preparation.ok) throw new Error(preparation.reason);
    return preparation.prepared;
  });
}

describe("createRequestBuilder", () => {
  it("fills path placeholders URL-encoded and appends the query", () => {
    const spec = HttpOutput.parse({
      ...base,
      path: "/clients/{client.id}/notes",
      method: "PUT",
      query: { dry: false, v: 2 },
    });
    const builder = createRequestBuilder(spec, "crm-sync");
    const [prepared] = prepareAll(spec, [{ client: { id: "a/b c" }, note: "hi" }]);
    const request = builder.build([prepared!]);
    expect(request.url).toBe("http://api.test/v1/clients/a%2Fb%20c/notes?dry=false&v=2");
    expect(request.method).toBe("PUT");
    expect(request.bodyText).toBe('{"client":{"id":"a/b c"},"note":"hi"}');
    expect(request.headers).toEqual({ "content-type": "application/json" });
  });

  it.each([
    { record: {}, want: "path placeholder {client.id} has no value in the record" },
    { record: { client: { id: null } }, want: "path placeholder {client.id} has no value in the record" },
    { record: { client: { id: { x: 1 } } }, want: "path placeholder {client.id} is not a scalar in the record" },
  ])("refuses a record whose placeholder cannot be filled: $want", ({ record, want }) => {
    const builder = createRequestBuilder(HttpOutput.parse({ ...base, path: "/clients/{client.id}" }), "crm-sync");
    expect(builder.prepare({ seq: 3, value: record })).toEqual({ ok: false, reason: want });
  });

  it.each([
    { batch: { size: 10 }, want: [{ id: 1 }, { id: 2 }] },
    { batch: { size: 10, wrap: "clients" }, want: { clients: [{ id: 1 }, { id: 2 }] } },
    { batch: { size: 10, wrap: "data.items" }, want: { data: { items: [{ id: 1 }, { id: 2 }] } } },
  ])("batch body with $batch", ({ batch, want }) => {
    const spec = HttpOutput.parse({ ...base, path: "/bulk", batch });
    const request = createRequestBuilder(spec, "crm-sync").build(prepareAll(spec, [{ id: 1 }, { id: 2 }]));
    expect(JSON.parse(request.bodyText)).toEqual(want);
    expect(request.records.map((r) => r.seq)).toEqual([0, 1]);
  });

  it("rejects placeholders in batch mode", () => {
    const spec = HttpOutput.parse({ ...base, path: "/c/{id}", batch: { size: 2 } });
    expect(() => createRequestBuilder(spec, "crm-sync")).toThrow(/single-record mode/);
    try {
      createRequestBuilder(spec, "crm-sync");
    } catch (error) {
      expect(isCannectorsError(error, "CANNECTORS_E_CONFIG_INVALID")).toBe(true);
    }
  });

  it.each([
    {
      encoding: "json",
      record: { email: "a@b.co", metadata: { plan: "pro" }, gone: null },
      contentType: "application/json",
      bodyText: '{"email":"a@b.co","metadata":{"plan":"pro"},"gone":null}',
    },
    {
      encoding: "form",
      record: { email: "a@b.co", metadata: { plan: "pro" }, gone: null, items: [{ price: "p_1" }], paid: false },
      contentType: "application/x-www-form-urlencoded",
      bodyText: "email=a%40b.co&metadata[plan]=pro&items[0][price]=p_1&paid=false",
    },
  ] as const)("encoding $encoding: content type and body", ({ encoding, record, contentType, bodyText }) => {
    const spec = HttpOutput.parse({ ...base, path: "/v1/customers", encoding });
    const request = createRequestBuilder(spec, "crm-sync").build(prepareAll(spec, [record]));
    expect(request.headers["content-type"]).toBe(contentType);
    expect(request.bodyText).toBe(bodyText);
    expect(request.body).toEqual(encoding === "form" ? bodyText : record);
  });

  it("lets a content-type header override the form default", () => {
    const spec = HttpOutput.parse({ ...base, path: "/f", encoding: "form", headers: { "Content-Type": "text/plain" } });
    expect(createRequestBuilder(spec, "crm-sync").build(prepareAll(spec, [{ a: 1 }])).headers["content-type"]).toBe(
      "text/plain",
    );
  });

  it("refuses form encoding in batch mode", () => {
    const spec = HttpOutput.parse({ ...base, path: "/f", encoding: "form", batch: { size: 2 } });
    expect(() => createRequestBuilder(spec, "crm-sync")).toThrow(/one record per request/);
  });

  it("sets the idempotency header from every record key, in order", () => {
    const spec = HttpOutput.parse({
      ...base,
      path: "/bulk",
      batch: { size: 10 },
      headers: { "X-Tenant": "t1" },
      idempotency: { key: "record.id + ':' + record.kind" },
    });
    const request = createRequestBuilder(spec, "crm-sync").build(
      prepareAll(spec, [
        { id: "7", kind: "a" },
        { id: "8", kind: "b" },
      ]),
    );
    expect(request.headers).toEqual({
      "content-type": "application/json",
      "x-tenant": "t1",
      "idempotency-key": idempotencyKey("crm-sync", ["7:a", "8:b"]),
    });
  });

  it.each([
    { record: { id: 42 }, want: { ok: true, key: "42" } },
    { record: { id: "x" }, want: { ok: true, key: "x" } },
    { record: { id: null }, want: { ok: false } },
    { record: { id: "" }, want: { ok: false } },
    { record: {}, want: { ok: false } },
  ])("key of $record", ({ record, want }) => {
    const spec = HttpOutput.parse({ ...base, path: "/c", idempotency: { key: "record.id" } });
    const preparation = createRequestBuilder(spec, "crm-sync").prepare({ seq: 0, value: record });
    expect(preparation.ok).toBe(want.ok);
    if (preparation.ok) expect(preparation.prepared.key).toBe(want.key);
    else expect(preparation.reason).toMatch(/^idempotency key.*record\.id/);
  });
});
