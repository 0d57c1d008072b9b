import { describe, expect, it } from "vitest";
import { fallback } from "../runtime/modules/output-fallback/dsl.js";
import { fanout, via } from "../runtime/modules/output-fanout/dsl.js";
import { route, routes } from "../runtime/modules/output-routes/dsl.js";
import { api } from "./api.js";
import { connector } from "./connector.js";

interface Order {
  id: string;
  status: string;
}
type Post<Body> = {
  post: {
    requestBody: { content: { "application/json": Body } };
    responses: { 200: { content: { "application/json": unknown } } };
  };
};
type Shop = { "/orders": { get: { responses: { 200: { content: { "application/json": Order[] } } } } } };
type Erp = { "/orders": Post<Order> };
type Audit = { "/events": Post<{ order: string }> };

const shop = api<Shop>({ baseUrl: "http://127.0.0.1:4010" });
const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });
const audit = api<Audit>({ baseUrl: "http://127.0.0.1:4030" });

describe("routes, fanout and fallback builders", () => {
  it("build the IR the lowering reads: nested outputs, lambdas kept, branch filters collected", () => {
    const paid = (o: Order) => o.status === "paid";
    const built = connector({ name: "shapes" })
      .from(shop.get("/orders"))
      .to(
        routes<Order>(
          [
            route(
              paid,
              fanout<Order>(
                fallback(erp.post("/orders"), erp.post("/orders")),
                via(audit.post("/events"), (b) => b.map((o) => ({ order: o.id }))),
              ),
            ),
          ],
          { default: "drop" },
        ),
      );
    const output = built.output;
    expect(output.type).toBe("routes");
    if (output.type !== "routes") return;
    expect(output.routes[0]!.when).toBe(paid);
    expect(output.default).toBe("drop");
    const fan = output.routes[0]!.output;
    expect(fan.type === "fanout" ? fan.outputs.map((b) => [b.output.type, b.filters.map((f) => f.kind)]) : []).toEqual([
      ["fallback", []],
      ["http", ["map"]],
    ]);
  });

  it("refuses misuse with CANNECTORS_E_DSL_MISUSE", () => {
    expect(() => routes<Order>([], { default: "drop" })).toThrow(/at least one route/);
    // @ts-expect-error: default must be said (an output or "drop")
    expect(() => routes<Order>([route((o) => o.status === "x", erp.post("/orders"))], {})).toThrow(/default/);
    expect(() => fanout<Order>()).toThrow(/at least one output/);
  });

  // The type errors are checked by `tsc --noEmit` (an unused @ts-expect-error fails it); at run time they still build.
  it("types the records: a route reads the output's record, via's steps must produce its target record", () => {
    // @ts-expect-error: Order has no field `total`
    const wrongField = route((o) => o.total > 1, erp.post("/orders"));
    // @ts-expect-error: the audit event is { order: string }, not { id: string }
    const wrongMap = via<Order, { order: string }>(audit.post("/events"), (b) => b.map((o) => ({ id: o.id })));
    // @ts-expect-error: the fallback must take the same record as the primary
    const wrongTarget = fallback<Order>(erp.post("/orders"), audit.post("/events"));
    expect([wrongField.kind, wrongMap.kind, wrongTarget.output.type]).toEqual(["route", "recipient", "fallback"]);
  });
});
