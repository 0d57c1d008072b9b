/**
 * Operation choice by class of record (issue 15, class 8, h-gen15): each case is one class that field
 * names cannot decide, in the shape real specs give it. Every case lost on main's ranking.
 */
import { describe, expect, it } from "vitest";
import { cheapFit, sourceProfile, targetProfile } from "./cheap-fit.js";
import { sourceEndpoints, targetEndpoints } from "./endpoint-lists.js";
import { ledgerSide } from "./ledger-side.js";
import { rankPairs } from "./rank-pairs.js";
import { expectRanking, type RankingCase } from "./ranking-cases-test-support.js";
import { sketchSpec } from "./ranking-test-support.js";

const SALE = ["orderId", "creationDate", "buyer.username", "pricingSummary.total.value", "lineItems", "description"];
const LEDGER_BODY = ["date*", "description", "currency", "total", "lines"];
const ISSUE = ["id", "number", "title", "body", "state", "assignee.login", "created_at", "due_date"];

const cases: RankingCase[] = [
  {
    name: "ledger side: a sale goes to the customer invoice, not a purchase receipt that fits as well (eBay → Visma)",
    sources: [{ op: "GET /order", fields: SALE }],
    targets: [
      { op: "POST /controller/api/v1/PurchaseReceipt", fields: LEDGER_BODY },
      { op: "POST /controller/api/v1/supplierInvoice", fields: LEDGER_BODY },
      { op: "GET /controller/api/v1/customerinvoice", fields: ["id"] },
      { op: "POST /controller/api/v1/customerinvoice", fields: LEDGER_BODY },
      { op: "GET /controller/api/v1/PurchaseReceipt", fields: ["id"] },
      { op: "GET /controller/api/v1/supplierInvoice", fields: ["id"] },
    ],
    want: "GET /order → POST /controller/api/v1/customerinvoice",
    note: { pair: "GET /order → POST /controller/api/v1/PurchaseReceipt", says: "is the purchasing side" },
  },
  {
    name: "ledger side: payments do not become purchase orders or bills (Square → Codat)",
    sources: [{ op: "GET /v2/payments", fields: ["id", "created_at", "amount_money.amount", "status", "note"] }],
    targets: [
      { op: "GET /companies/{companyId}/data/purchaseOrders", fields: ["id"] },
      { op: "GET /companies/{companyId}/data/bills", fields: ["id"] },
      { op: "GET /companies/{companyId}/data/payments", fields: ["id"] },
      {
        op: "POST /companies/{companyId}/purchaseOrders",
        fields: ["created_at", "status", "note", "amount", "purchaseOrderNumber"],
      },
      { op: "POST /companies/{companyId}/bills", fields: ["created_at", "status", "note", "amount"] },
      { op: "POST /companies/{companyId}/payments", fields: ["date*", "totalAmount", "note"] },
    ],
    want: "GET /v2/payments → POST /companies/{companyId}/payments",
  },
  {
    name: "administration: the tracker's issues, not its admin list of user accounts (Gitea → GitLab)",
    sources: [
      { op: "GET /admin/users", fields: ["id", "login", "full_name", "email", "created", "is_admin"] },
      { op: "GET /repos/{owner}/{repo}/issues", fields: ISSUE },
    ],
    targets: [
      { op: "GET /v3/users", fields: ["id"] },
      { op: "POST /v3/users", fields: ["email*", "password*", "username*", "name*", "admin"] },
      { op: "GET /v3/projects/{id}/issues", fields: ["id"] },
      { op: "POST /v3/projects/{id}/issues", fields: ["title*", "description", "assignee_id", "due_date"] },
    ],
    want: "GET /repos/{owner}/{repo}/issues → POST /v3/projects/{id}/issues",
    note: { pair: "GET /admin/users → POST /v3/users", says: "the tool's administration" },
  },
  {
    name: "a compound type name describes the API: issues from search, not issue types (Jira → Asana)",
    sources: [
      { op: "GET /rest/api/3/issuetype", fields: ["id", "name", "description", "iconUrl", "subtask"] },
      { op: "GET /rest/api/3/search", fields: ["id", "key", "fields", "changelog"], records: "issues" },
      // Jira names issues in most of its paths: they are central to it.
      { op: "GET /rest/api/3/issue/{issueIdOrKey}/watchers", fields: ["self"] },
      { op: "GET /rest/api/3/issue/{issueIdOrKey}/votes", fields: ["self"] },
    ],
    targets: [
      { op: "GET /tasks", fields: ["gid"] },
      { op: "POST /tasks", fields: ["name", "notes", "completed", "due_on", "assignee"] },
    ],
    want: "GET /rest/api/3/search → POST /tasks",
    note: { pair: "GET /rest/api/3/issuetype → POST /tasks", says: "describes the API" },
  },
];

describe("rankPairs by class of record (issue 15)", () => {
  it.each(cases)("$name", expectRanking);

  it("an API that lives under /admin is not all administration (its namespace)", () => {
    const admin = ["users", "groups", "clients", "roles"].map((r) => ({
      op: `GET /admin/realms/{realm}/${r}`,
      fields: ["id", "name", "email"],
    }));
    const ranked = rankPairs(
      sketchSpec("source", admin),
      sketchSpec("target", [{ op: "POST /users", fields: ["email*", "name"] }]),
    );
    expect(ranked[0]!.notes.join("; ")).not.toContain("administration");
  });

  it.each([
    ["PurchaseReceipt", "purchases"],
    ["supplierInvoice", "purchases"],
    ["purchaseorder", "purchases"],
    ["bills", "purchases"],
    ["vendor_credits", "purchases"],
    ["expenseReceipt", "purchases"],
    ["customerinvoice", "other"],
    ["salesorder", "other"],
    ["Invoices", "other"],
    ["payments", "other"],
    ["billing_addresses", "other"],
  ])("%s is on the %s side", (resource, side) => {
    expect(ledgerSide(resource)).toBe(side);
  });

  // The shortlist's cheap fit read only a field's leaf, `value` for every field of a wrapped body, so
  // Visma's invoice never reached the suggester against a 1,000-operation source.
  it.each([
    ["every scalar wrapped", ["documentDate.value", "description.value", "currencyId.value", "amount.value"]],
    ["money wrapped", ["documentDate", "description", "currencyId", "amount.value"]],
    ["wrapper in a wrapper", ["documentDate.value.value", "description.Value", "currencyId.value", "amount.value"]],
  ])("cheap fit names a wrapped field by its wrapper: %s", (_, body) => {
    const source = sourceEndpoints(
      sketchSpec("s", [{ op: "GET /orders", fields: ["documentDate", "description", "currencyId", "amount"] }]),
    )[0]!;
    const target = targetEndpoints(sketchSpec("t", [{ op: "POST /invoices", fields: body }]))[0]!;
    expect(cheapFit(sourceProfile(source), targetProfile(target)).strong).toBe(4);
  });
});
