/** `generate --hint`: the user's word on what the connector is for (issue 15, class 8, h-opchoice). */
import { describe, expect, it } from "vitest";
import { hintAffinity, parseHint } from "./domain-hint.js";
import { label } from "./endpoint-lists.js";
import { rankPairs } from "./rank-pairs.js";
import { sketchSpec } from "./ranking-test-support.js";
import { resourceKind } from "./resource-affinity.js";

// Square → api2cart, trimmed: customers fit by name, e-mail and phone; the catalog by fewer, plainer names.
const square = sketchSpec("square", [
  { op: "GET /v2/customers", fields: ["id", "given_name", "family_name", "email_address", "phone_number", "note"] },
  { op: "GET /v2/catalog/list", fields: ["id", "type", "item_data.name", "item_data.description", "updated_at"] },
]);
const api2cart = sketchSpec("api2cart", [
  { op: "GET /customer.list.json", fields: ["id"] },
  { op: "POST /customer.add.json", fields: ["email*", "first_name", "last_name", "phone", "note"] },
  { op: "GET /product.list.json", fields: ["id"] },
  { op: "POST /product.add.json", fields: ["name*", "description", "price*", "sku"] },
]);
const first = (hint?: string) => {
  const top = rankPairs(square, api2cart, hint ? { hint } : {})[0]!;
  return { pair: `${label(top.source.operation)} → ${label(top.target.operation)}`, notes: top.notes.join("; ") };
};

describe("rankPairs with the user's hint (generate --hint)", () => {
  it("a products sync when the user says so, though customers fit better by field names", () => {
    expect(first().pair).toBe("GET /v2/customers → POST /customer.add.json");
    const hinted = first("products");
    expect(hinted.pair).toBe("GET /v2/catalog/list → POST /product.add.json");
    expect(hinted.notes).toContain("what the hint names");
  });

  it("an arrow gives each side its own words", () => {
    const hint = parseHint("orders → invoices");
    const [order, invoice, customer] = ["orders", "customerinvoice", "customers"].map(resourceKind);
    expect(hintAffinity(hint, order!, invoice!).factor).toBe(4);
    expect(hintAffinity(hint, invoice!, order!).factor).toBeCloseTo(2.25, 5);
    expect(hintAffinity(hint, customer!, customer!).factor).toBe(1);
    expect(hintAffinity(undefined, order!, invoice!)).toEqual({ factor: 1 });
  });
});
