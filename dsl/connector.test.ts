import { describe, expect, expectTypeOf, it } from "vitest";
import type { components as CrmTypes, paths as Crm } from "../examples/demo-apis/types/crm.js";
import type { components as ErpTypes, paths as Erp } from "../examples/demo-apis/types/erp.js";
import { api } from "./api.js";
import { type Connector, ConnectorBuilder, connector, type RecordType } from "./connector.js";
import { isConnectorNode } from "./ir.js";

type Customer = CrmTypes["schemas"]["Customer"];
type Client = ErpTypes["schemas"]["Client"];

const crm = api<Crm>({ baseUrl: "http://127.0.0.1:4010" });
const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });

function pipeline() {
  return connector({ name: "crm-to-erp" })
    .from(crm.get("/customers", { records: "data" }))
    .to(erp.post("/clients/batch", { batch: { size: 50, wrap: "clients" } }));
}

describe("record types through the pipeline", () => {
  it("starts on the source record and targets the output record", () => {
    expectTypeOf(pipeline()).toEqualTypeOf<ConnectorBuilder<Customer, Client>>();
    pipeline().filter((c) => {
      expectTypeOf(c).toEqualTypeOf<Customer>();
      return true;
    });
  });

  it("is the target record after map, and the source plus added fields after compute", () => {
    const mapped = pipeline().map((c) => ({ client_id: c.id, full_name: c.first_name, email: c.email }));
    expectTypeOf(mapped).toEqualTypeOf<ConnectorBuilder<Client, Client>>();
    const computed = pipeline().compute((c) => ({ initials: c.first_name.slice(0, 1) }));
    computed.filter((r) => {
      expectTypeOf(r.initials).toBeString();
      expectTypeOf(r.id).toBeString();
      return true;
    });
    expectTypeOf(mapped.settings({ concurrency: 2 })).toEqualTypeOf<Connector<Client, Client>>();
  });

  it("is the union of what the branches of when let through", () => {
    const routed = pipeline().when((c) => c.status === "lead", {
      // biome-ignore lint/suspicious/noThenProperty: the DSL's branch option, never awaited
      then: (b) => b.map((c) => ({ client_id: c.id, full_name: c.last_name, email: c.email, segment: "PROSPECT" })),
      else: "keep",
    });
    expectTypeOf<RecordType<typeof routed>>().toEqualTypeOf<Client | Customer>();
    // biome-ignore lint/suspicious/noThenProperty: the DSL's branch option, never awaited
    const onlyLeads = pipeline().when((c) => c.status === "lead", { then: "keep" });
    expectTypeOf<RecordType<typeof onlyLeads>>().toEqualTypeOf<Customer>();
    const mappedLeads = pipeline().when((c) => c.status === "lead", {
      // biome-ignore lint/suspicious/noThenProperty: the DSL's branch option, never awaited
      then: (b) => b.map((c) => ({ client_id: c.id, full_name: c.last_name, email: c.email })),
    });
    expectTypeOf<RecordType<typeof mappedLeads>>().toEqualTypeOf<Client>();
    // biome-ignore lint/suspicious/noThenProperty: the DSL's branch option, never awaited
    const dropped = pipeline().when((c) => c.status === "lead", { then: "drop", else: (b) => b.filter(() => true) });
    expectTypeOf<RecordType<typeof dropped>>().toEqualTypeOf<Customer>();
    // biome-ignore lint/suspicious/noThenProperty: the DSL's branch option, never awaited
    const nothing = pipeline().when((c) => c.status === "lead", { then: "drop" });
    expectTypeOf<RecordType<typeof nothing>>().toBeNever();
  });

  it("rejects a map that does not return exactly the target record", () => {
    pipeline().map((c) => ({
      client_id: c.id,
      full_name: c.first_name,
      email: c.email,
      // @ts-expect-error Type 'string' is not assignable to type '"✖ unknown field: not a key of the target record"'
      emial: c.email,
    }));
    pipeline().map((c) => ({
      client_id: c.id,
      // @ts-expect-error Type 'string[]' is not assignable to type 'string' (wrong value type)
      full_name: c.tags,
      email: c.email,
    }));
    // @ts-expect-error Property 'full_name' is missing in type ... but required in type Client
    pipeline().map((c) => ({ client_id: c.id, email: c.email }));
    // @ts-expect-error Property 'firstName' does not exist on type Customer (unknown source field)
    pipeline().map((c) => ({ client_id: c.id, full_name: c.firstName, email: c.email }));
    // @ts-expect-error Type '"VIP"' is not assignable to type '"STANDARD" | "PROSPECT" | null | undefined'
    pipeline().map((c) => ({ client_id: c.id, full_name: c.id, email: c.email, segment: "VIP" }));
    // @ts-expect-error Property 'nope' does not exist on type Customer (filter on the source record)
    pipeline().filter((c) => c.nope === 1);
    pipeline()
      .map((c) => ({ client_id: c.id, full_name: c.id, email: c.email }))
      // @ts-expect-error Property 'status' does not exist on type Client (after map the record is the target)
      .filter((c) => c.status === "lead");
    expect(true).toBe(true);
  });
});

describe("connector IR", () => {
  it("is exactly the ConnectorNode fields, recognised by isConnectorNode", () => {
    const built = pipeline().settings({ concurrency: 2 });
    expect(isConnectorNode(built)).toBe(true);
    expect(Object.keys(built).sort()).toEqual(["filters", "input", "kind", "metadata", "output", "settings"]);
    expect(Object.keys(pipeline()).sort()).toEqual(["filters", "input", "kind", "metadata", "output"]);
    expect(built).toBeInstanceOf(ConnectorBuilder);
  });

  it("never changes the object a method was called on", () => {
    const base = pipeline();
    const filtered = base.filter((c) => c.status !== "inactive");
    const settled = filtered.settings({ concurrency: 8 });
    expect(base.filters).toHaveLength(0);
    expect(filtered.filters).toHaveLength(1);
    expect("settings" in filtered && Object.hasOwn(filtered, "settings")).toBe(false);
    expect(settled.settings).toEqual({ concurrency: 8 });
    expect(Object.isFrozen(base) && Object.isFrozen(base.filters) && Object.isFrozen(settled)).toBe(true);
    expect(() => (base.filters as unknown[]).push(1)).toThrow(TypeError);
  });

  it("copies options, so mutating them later cannot change a built connector", () => {
    const labels: Record<string, string> = { team: "platform" };
    const settings = { rateLimit: { requestsPerSecond: 5 } };
    const built = connector({ name: "copy", labels })
      .from(crm.get("/customers", { records: "data" }))
      .to(erp.post("/clients"))
      .settings(settings);
    labels.team = "other";
    settings.rateLimit.requestsPerSecond = 99;
    expect(built.metadata.labels).toEqual({ team: "platform" });
    expect(built.settings).toEqual({ rateLimit: { requestsPerSecond: 5 } });
  });

  it("refuses endpoints on the wrong end", () => {
    const asTarget = erp.post("/clients/batch", { batch: { size: 5, wrap: "clients" } });
    expect(() => connector({ name: "x" }).from(asTarget as never)).toThrow(/needs a source endpoint/);
    expect(() =>
      connector({ name: "x" })
        .from(crm.get("/customers", { records: "data" }))
        .to({} as never),
    ).toThrow(/needs a target endpoint/);
  });
});
