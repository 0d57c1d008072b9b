import { describe, expect, expectTypeOf, it } from "vitest";
import type { components as CrmTypes, paths as Crm } from "../examples/demo-apis/types/crm.js";
import type { components as ErpTypes, paths as Erp } from "../examples/demo-apis/types/erp.js";
import { api } from "./api.js";
import { apiKey } from "./auth.js";
import { connector } from "./connector.js";
import type { InputEndpoint, OutputEndpoint } from "./endpoint.js";
import { isConnectorNode } from "./ir.js";
import { cursor, type PageResponse } from "../runtime/modules/input-http/dsl.js";
import { secret } from "./refs.js";

type Customer = CrmTypes["schemas"]["Customer"];
type Client = ErpTypes["schemas"]["Client"];

/** A hand-written spec for what the demo APIs lack: path parameters, bare arrays, nested records. */
interface TestPaths {
  "/items": { get: { responses: { 200: { content: { "application/json": { id: number; name: string }[] } } } } };
  "/search": {
    post: {
      requestBody: { content: { "application/json": { query: string } } };
      responses: { 200: { content: { "application/json": { result: { hits: { id: string; at: string }[] } } } } };
    };
  };
  "/items/{id}": {
    get?: never;
    put: {
      parameters: { path: { id: number } };
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 204: { content?: never } };
    };
    delete: { parameters: { path: { id: number } }; responses: { 204: { content?: never } } };
  };
  "/bulk": {
    post: {
      requestBody: { content: { "application/json": { name: string }[] } };
      responses: { 202: { content: { "application/json": { accepted: number } } } };
    };
  };
  // SalesLoft: every response and body is `*/*`.
  "/wild": {
    get: { responses: { 200: { content: { "*/*": { id: number }[] } } } };
    post: {
      requestBody: { content: { "*/*": { name: string } } };
      responses: { 200: { content: { "*/*": { id: number } } } };
    };
  };
  /** Trello's addCards: a response that declares no content. */
  "/cards": {
    post: {
      requestBody: { content: { "application/json": { desc?: string; name?: string } } };
      responses: { 200: { headers: { [name: string]: unknown }; content?: never } };
    };
  };
}

const crm = api<Crm>({ baseUrl: "http://127.0.0.1:4010", auth: apiKey({ name: "X-API-Key", value: secret("KEY") }) });
const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });
const test = api<TestPaths>({ baseUrl: "https://api.example.com/v2" });

describe("types from the spec", () => {
  it("gives an input the element type of the array at records", () => {
    expectTypeOf(crm.get("/customers", { records: "data" })).toEqualTypeOf<InputEndpoint<Customer>>();
    expectTypeOf(test.get("/items")).toEqualTypeOf<InputEndpoint<{ id: number; name: string }>>();
    // `*/*` (SalesLoft): the content the spec declares, not never (issue 15: TS2345 and `r` unknown).
    expectTypeOf(test.get("/wild")).toEqualTypeOf<InputEndpoint<{ id: number }>>();
    expectTypeOf(test.post("/search", { records: "result.hits", body: { query: "x" } })).toExtend<
      InputEndpoint<{ id: string; at: string }>
    >();
  });

  it("gives an output the request body, the wrapped element, or the array element", () => {
    expectTypeOf(erp.post("/clients")).toEqualTypeOf<OutputEndpoint<Client>>();
    expectTypeOf(erp.post("/clients/batch", { batch: { size: 50, wrap: "clients" } })).toEqualTypeOf<
      OutputEndpoint<Client>
    >();
    expectTypeOf(test.post("/bulk", { batch: { size: 10 } })).toEqualTypeOf<OutputEndpoint<{ name: string }>>();
    // A POST whose response has no content is still an output of its request body, not `never`.
    expectTypeOf(test.post("/cards")).not.toBeNever();
    expectTypeOf(test.post("/cards")).toExtend<OutputEndpoint<{ desc?: string; name?: string }>>();
    expectTypeOf(test.post("/wild")).toEqualTypeOf<OutputEndpoint<{ name: string }>>();
  });

  it("adds path parameters to the target record, since placeholders are filled from it", () => {
    expectTypeOf(test.put("/items/{id}")).toEqualTypeOf<OutputEndpoint<{ name: string } & { id: number }>>();
    expectTypeOf(test.delete("/items/{id}")).toEqualTypeOf<OutputEndpoint<{ id: number }>>();
  });

  it("types idempotency keys with the target record and stopWhen with the response body", () => {
    erp.post("/clients/batch", {
      batch: { size: 50, wrap: "clients" },
      idempotency: { key: (c) => expectTypeOf(c).toEqualTypeOf<Client>() },
    });
    crm.get("/customers", {
      records: "data",
      pagination: cursor({
        cursorPath: "next_cursor",
        cursorParam: "cursor",
        stopWhen: (response) => {
          expectTypeOf(response).toEqualTypeOf<PageResponse<CrmTypes["schemas"]["CustomerPage"]>>();
          return response.body.has_more === false;
        },
      }),
    });
  });

  it("rejects what the spec does not allow", () => {
    // @ts-expect-error ✖ unknown path: use one of the spec's paths
    crm.get("/customer");
    // @ts-expect-error ✖ method GET is not defined for /clients/batch in the spec
    erp.get("/clients/batch", { records: "clients" });
    // @ts-expect-error ✖ method POST is not defined for /customers in the spec
    crm.post("/customers");
    // @ts-expect-error Type '"datum"' is not assignable to type '"data"' (bad records path)
    crm.get("/customers", { records: "datum" });
    // @ts-expect-error Property 'records' is missing: the body is not an array
    crm.get("/customers", {});
    // @ts-expect-error Type '"client"' is not assignable to type '"clients"' (bad wrap)
    erp.post("/clients/batch", { batch: { size: 50, wrap: "client" } });
    // @ts-expect-error Property 'wrap' is missing: the body is an object, not an array
    erp.post("/clients/batch", { batch: { size: 50 } });
    // @ts-expect-error Type '"updatedAt"' is not assignable to type '"id" | "first_name" | ...' (bad cursorField)
    crm.get("/customers", { records: "data", incremental: { cursorField: "updatedAt", param: "updated_after" } });
    // @ts-expect-error Property 'clientId' does not exist on type Client (idempotency key)
    erp.post("/clients", { idempotency: { key: (c) => c.clientId } });
    expect(true).toBe(true);
  });

  it("reports a wrong path once, at the path: the lambdas reading its records add no error", () => {
    // Only the path lines carry @ts-expect-error: any cascade (TS18046 'c' is of type 'unknown', a
    // `never` target) would be an unexpected error in the lambdas below and fail the typecheck.
    const wrongSource = connector({ name: "wrong-source" })
      // @ts-expect-error ✖ unknown path: use one of the spec's paths
      .from(crm.get("/custmers", { records: "data" }))
      .to(erp.post("/clients"))
      .filter((c) => c.status !== "inactive")
      .map((c) => ({ client_id: c.id, full_name: `${c.first_name} ${c.last_name}`, email: c.email.trim() }));
    const wrongTarget = connector({ name: "wrong-target" })
      .from(crm.get("/customers", { records: "data" }))
      // @ts-expect-error ✖ unknown path: use one of the spec's paths
      .to(erp.post("/clintes", { idempotency: { key: (c) => c.client_id } }))
      .map((c) => ({ client_id: c.id }));
    const wrongSearch = connector({ name: "wrong-search" })
      // @ts-expect-error ✖ method POST is not defined for /customers in the spec
      .from(crm.post("/customers", { records: "data" }))
      // @ts-expect-error ✖ unknown path: use one of the spec's paths
      .to(erp.put("/clients/{id}/x"))
      .map((c) => ({ id: c.id }));
    // biome-ignore lint/suspicious/noExplicitAny: what an unknown path's records are typed as
    expectTypeOf(crm.get("/custmers" as never)).toEqualTypeOf<InputEndpoint<any>>();
    expect([wrongSource, wrongTarget, wrongSearch].every(isConnectorNode)).toBe(true);
  });
});
