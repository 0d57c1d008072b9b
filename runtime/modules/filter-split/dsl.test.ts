import { describe, expect, expectTypeOf, it } from "vitest";
import { lowerConnector } from "../../../compiler/lower/index.js";
import { api, bearer, connector, env, type RecordType } from "../../../dsl/index.js";
import { Connector } from "../../artifact/index.js";

type Order = { id: string; customer: string; lines: { sku: string; qty: number }[]; note: string };
type Paths = {
  "/orders": { get: { responses: { 200: { content: { "application/json": Order[] } } } } };
  "/sink": { post: { requestBody: { content: { "application/json": unknown } }; responses: { 200: unknown } } };
};

const shop = api<Paths>({ baseUrl: "http://127.0.0.1:4010" });
const crm = api<unknown>({ baseUrl: "http://127.0.0.1:4030", auth: bearer(env("CRM_TOKEN")) });

describe("split, enrich and aggregate in the DSL", () => {
  const base = connector({ name: "dsl-shapes" }).from(shop.get("/orders")).to(shop.post("/sink"));
  const split = base.split({ field: "lines", as: "line", keep: ["id", "customer"] });

  it("types a split's records: the kept fields and the element", () => {
    expectTypeOf<RecordType<typeof split>>().toEqualTypeOf<
      Pick<Order, "id" | "customer"> & { line: { sku: string; qty: number } }
    >();
  });

  it("lowers to the artifact's filters, which the schema accepts", () => {
    const built = split
      .enrich<{ company: { name: string } }>(crm, { path: "/companies/{customer}", records: "data", into: "company" })
      .aggregate({ groupBy: ["customer"], fields: [{ target: "qty", op: "sum", from: "line.qty" }] })
      .settings({});
    const { artifact, diagnostics } = lowerConnector(built, { sourceFor: () => undefined });
    expect(diagnostics).toEqual([]);
    expect(artifact.filters).toEqual([
      { type: "split", field: "lines", as: "line", keep: ["id", "customer"] },
      {
        type: "enrich",
        baseUrl: "http://127.0.0.1:4030",
        path: "/companies/{customer}",
        records: "data",
        into: "company",
        auth: { type: "bearer", token: "${env:CRM_TOKEN}" },
      },
      { type: "aggregate", groupBy: ["customer"], fields: [{ target: "qty", op: "sum", from: "line.qty" }] },
    ]);
    expect(Connector.safeParse(artifact).success).toBe(true);
  });
});
