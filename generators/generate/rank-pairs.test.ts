import { describe, expect, it } from "vitest";
import { label, sourceEndpoints } from "./endpoint-lists.js";
import { choosePair } from "./generate.js";
import { rankPairs } from "./rank-pairs.js";
import { type OperationSketch, sketchSpec } from "./ranking-test-support.js";

const CUSTOMER = ["id", "email", "name", "phone", "description", "created_at"];
const CUSTOMER_BODY = ["email", "name", "phone", "description", "metadata", "address.city", "address.postal_code"];
const form = (op: string, fields: string[]): OperationSketch => ({ op, fields, form: true });

/** Twenty write operations a naive ranking falls for, before the collection create a connector wants. */
const DECOYS: OperationSketch[] = [
  form("POST /account_links", ["account*", "type*", "refresh_url", "return_url"]),
  form("POST /customers/{id}", CUSTOMER_BODY),
  form("POST /customers/{id}/verify", ["email*", "name"]),
  form("POST /accounts/{id}/customers", CUSTOMER_BODY),
  form("POST /customers/search", ["email", "name", "phone"]),
  form("POST /settings", ["email", "name", "phone", "description"]),
  form("PATCH /account", ["email", "name", "phone", "description"]),
  form("POST /tokens", ["card.number", "card.cvc"]),
  form("POST /invoices/{id}/finalize", ["auto_advance"]),
  form("POST /charges/{id}/capture", ["amount", "receipt_email"]),
  form("POST /payment_intents", ["amount*", "currency*", "description", "receipt_email"]),
  form("POST /products", ["name*", "description", "url", "id"]),
  form("POST /webhook_endpoints", ["url*", "description"]),
  form("POST /refunds", ["charge", "amount", "reason"]),
  form("POST /coupons", ["name", "percent_off", "duration"]),
  form("POST /tax_rates", ["display_name*", "percentage*", "description"]),
  form("POST /customers/{id}/tax_ids", ["type*", "value*"]),
  form("POST /customers/{id}/sources/{source}/verify", ["amounts"]),
  form("POST /subscriptions", ["customer*", "items.price"]),
  form("POST /customers/{id}/balance_transactions", ["amount*", "currency*", "description"]),
];

/** Twenty list operations before the plain `GET /customers`: the same records behind a parameter or a search, nested look-alikes. */
const SOURCE_DECOYS: OperationSketch[] = [
  { op: "GET /accounts/{account}/customers", fields: CUSTOMER },
  { op: "GET /search/customers", fields: CUSTOMER, query: ["q"] },
  { op: "GET /users/{id}/contacts", fields: ["email", "name", "phone"] },
  { op: "GET /events", fields: ["id", "type", "user.email", "user.name", "user.phone"] },
  { op: "GET /orders", fields: ["id", "total", "customer.email", "customer.name", "customer.phone"] },
  { op: "GET /customers/{id}/notes", fields: ["id", "body", "created_at"] },
  ...["products", "invoices", "teams", "webhooks", "logs", "tags", "files", "payments", "tickets", "refunds"].map(
    (r) => ({ op: `GET /${r}`, fields: ["id", "name", "description", "created_at"] }),
  ),
  { op: "GET /settings/profiles", fields: ["id", "email", "name"] },
  { op: "GET /audit/entries", fields: ["id", "actor.email", "actor.name"] },
  { op: "GET /teams/{team}/members", fields: ["id", "email", "name", "role"] },
  { op: "GET /exports", fields: ["id", "url", "status"] },
];

const top = (ranked: ReturnType<typeof rankPairs>) =>
  ranked.slice(0, 1).map((p) => `${label(p.source.operation)} → ${label(p.target.operation)}`)[0];

describe("rankPairs over whole specs", () => {
  it.each([
    {
      name: "the collection create wins over 20 earlier actions, updates, sub-resources and singletons",
      sources: [{ op: "GET /customers", fields: CUSTOMER }],
      targets: [...DECOYS, { op: "GET /customers", fields: CUSTOMER }, form("POST /customers", CUSTOMER_BODY)],
      want: "GET /customers → POST /customers",
    },
    {
      name: "the plain list wins over 20 earlier lists needing a parameter, a search or holding nested look-alikes",
      sources: [...SOURCE_DECOYS, { op: "GET /customers", fields: CUSTOMER }],
      targets: [
        { op: "GET /clients", fields: ["id"] },
        { op: "POST /clients", fields: ["full_name", "email*", "phone", "notes"] },
      ],
      want: "GET /customers → POST /clients",
    },
    {
      name: "both sides at once",
      sources: [...SOURCE_DECOYS, { op: "GET /customers", fields: CUSTOMER }],
      targets: [...DECOYS, { op: "GET /customers", fields: CUSTOMER }, form("POST /customers", CUSTOMER_BODY)],
      want: "GET /customers → POST /customers",
    },
    {
      name: "awkward targets are penalised, not excluded: an update beats an action",
      sources: [{ op: "GET /customers", fields: CUSTOMER }],
      targets: [form("POST /customers/{id}/cancel", CUSTOMER_BODY), form("PUT /customers/{id}", CUSTOMER_BODY)],
      want: "GET /customers → PUT /customers/{id}",
    },
    {
      name: "a tie falls to the label, whatever the spec order",
      sources: [{ op: "GET /customers", fields: CUSTOMER }],
      targets: [form("POST /customers", CUSTOMER_BODY), form("POST /clients", CUSTOMER_BODY)],
      want: "GET /customers → POST /clients",
    },
  ])("$name", ({ sources, targets, want }) => {
    const forward = rankPairs(sketchSpec("source", sources), sketchSpec("target", targets));
    const backward = rankPairs(
      sketchSpec("source", [...sources].reverse()),
      sketchSpec("target", [...targets].reverse()),
    );
    expect(top(forward)).toBe(want);
    expect(backward.map((p) => [label(p.source.operation), label(p.target.operation), p.score])).toEqual(
      forward.map((p) => [label(p.source.operation), label(p.target.operation), p.score]),
    );
  });

  it("says why a pair is penalised", () => {
    const ranked = rankPairs(
      sketchSpec("source", [{ op: "GET /customers", fields: CUSTOMER }]),
      sketchSpec("target", DECOYS),
    );
    const notes = (to: string) => ranked.find((p) => label(p.target.operation) === to)?.notes ?? [];
    expect(notes("POST /customers/{id}")).toContain("target: updates one existing record (needs its id)");
    expect(notes("POST /customers/{id}/verify")).toContain("target: an action (verify), not a collection");
    expect(notes("POST /account_links").join("; ")).toContain("write-only");
  });

  it("scores a bounded shortlist of a big spec pair, and only the given source when the user named one", () => {
    const many = (method: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        op: `${method} /things${i}`,
        fields: ["id", `field${i}`, "name", "email"],
      }));
    const sourceSpec = sketchSpec("source", many("GET", 60));
    const targetSpec = sketchSpec("target", many("POST", 60));
    expect(rankPairs(sourceSpec, targetSpec).length).toBe(40);
    const named = sourceEndpoints(sourceSpec).filter((s) => s.operation.path === "/things42");
    const ranked = rankPairs(sourceSpec, targetSpec, { sources: named });
    expect(new Set(ranked.map((p) => p.source.operation.path))).toEqual(new Set(["/things42"]));
    expect(ranked[0]?.target.operation.path).toBe("/things42");
  });

  it("generate --from alone ranks the targets for that source (it used to find no pair at all)", async () => {
    const sourceSpec = sketchSpec("source", [...SOURCE_DECOYS, { op: "GET /customers", fields: CUSTOMER }]);
    const targetSpec = sketchSpec("target", [...DECOYS, form("POST /customers", CUSTOMER_BODY)]);
    const options = { source: "s.yaml", target: "t.yaml", name: "x", outDir: "." };
    const pair = await choosePair(sourceSpec, targetSpec, { ...options, from: "GET /events" });
    expect(label(pair.source.operation)).toBe("GET /events");
    const other = await choosePair(sourceSpec, targetSpec, { ...options, to: "POST /products" });
    expect(label(other.target.operation)).toBe("POST /products");
  });
});
