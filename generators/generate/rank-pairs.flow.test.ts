/**
 * Operation choice by what a sync is for (issue 15, class 8, h-opchoice): transactions before master data,
 * a sale's document stages, stock movements. Each case is trimmed from a real spec pair and lost on the
 * ranking before business-flow.ts.
 */
import { describe, expect, it } from "vitest";
import { documentStage, flowAffinity } from "./business-flow.js";
import { rankPairs } from "./rank-pairs.js";
import { recordNature } from "./record-nature.js";
import { expectRanking, type RankingCase } from "./ranking-cases-test-support.js";
import { sketchSpec } from "./ranking-test-support.js";
import { resourceKind } from "./resource-affinity.js";

/** A customer record any two APIs spell alike; an order whose fields they do not. */
const CUSTOMER = ["id", "first_name", "last_name", "email", "phone"];
const CONTACT = ["Name*", "FirstName", "LastName", "EmailAddress", "ContactStatus"];
const ORDER = ["id", "customer.email", "date", "currency", "status", "line_items", "total"];
const INVOICE = ["Type*", "Contact*", "LineItems*", "Date", "CurrencyCode", "Status", "Reference", "Total"];

const cases: RankingCase[] = [
  {
    name: "transactions before master data: orders → invoices, not customers → contacts (api2cart → Xero)",
    sources: [
      { op: "GET /customer.list.json", fields: CUSTOMER },
      { op: "GET /order.list.json", fields: ORDER },
    ],
    targets: [
      { op: "GET /Contacts", fields: ["ContactID"] },
      { op: "POST /Contacts", fields: CONTACT },
      { op: "GET /Invoices", fields: ["InvoiceID"] },
      { op: "POST /Invoices", fields: INVOICE },
    ],
    want: "GET /order.list.json → POST /Invoices",
    note: { pair: "GET /order.list.json → POST /Invoices", says: "business transactions (orders)" },
  },
  {
    name: "transactions before master data: tickets → issues, not contacts → users (Autotask → Jira)",
    sources: [
      { op: "GET /V1.0/Companies/{parentId}/Contacts", fields: ["id", "firstName", "emailAddress"] },
      { op: "GET /V1.0/Tickets/query", fields: ["id", "title", "description", "status", "dueDateTime"] },
    ],
    targets: [
      { op: "GET /rest/api/3/user/search", fields: ["accountId"] },
      { op: "POST /rest/api/3/user", fields: ["emailAddress*", "displayName", "name"] },
      { op: "GET /rest/api/3/issue/{issueIdOrKey}", fields: ["id"] },
      { op: "POST /rest/api/3/issue", fields: ["fields", "update"] },
    ],
    want: "GET /V1.0/Tickets/query → POST /rest/api/3/issue",
  },
  {
    name: "document stage: an order does not become a quote that fits it as well (api2cart → Xero)",
    sources: [{ op: "GET /order.list.json", fields: ORDER }],
    targets: [
      { op: "GET /Quotes", fields: ["QuoteID"] },
      { op: "POST /Quotes", fields: ["Contact*", "LineItems*", "Date", "CurrencyCode", "Status", "Total"] },
      { op: "GET /Invoices", fields: ["InvoiceID"] },
      { op: "POST /Invoices", fields: INVOICE },
    ],
    want: "GET /order.list.json → POST /Invoices",
    note: { pair: "GET /order.list.json → POST /Quotes", says: "the sale would go backwards" },
  },
  {
    name: "document stage: an order becomes an invoice, not an expense receipt two stages on (api2cart → Xero)",
    sources: [{ op: "GET /order.list.json", fields: ORDER }],
    targets: [
      { op: "GET /Receipts", fields: ["ReceiptID"] },
      { op: "PUT /Receipts", fields: ["Contact*", "LineItems*", "Date", "CurrencyCode", "Status", "Total"] },
      { op: "GET /Invoices", fields: ["InvoiceID"] },
      { op: "POST /Invoices", fields: INVOICE },
    ],
    want: "GET /order.list.json → POST /Invoices",
    note: { pair: "GET /order.list.json → PUT /Receipts", says: "not the next document" },
  },
  {
    name: "stock movements: a sale is not an inventory receipt, whatever its last word (eBay → Visma)",
    sources: [{ op: "GET /order", fields: ["orderId", "creationDate", "pricingSummary.total", "lineItems"] }],
    targets: [
      { op: "GET /controller/api/v1/inventoryReceipt", fields: ["id"] },
      { op: "POST /controller/api/v1/inventoryReceipt", fields: ["date", "description", "lines", "total", "orderId"] },
      { op: "GET /controller/api/v1/customerinvoice", fields: ["id"] },
      { op: "POST /controller/api/v1/customerinvoice", fields: ["documentDate", "description", "invoiceLines"] },
    ],
    want: "GET /order → POST /controller/api/v1/customerinvoice",
  },
  {
    name: "people outside the business: webinar registrants → list members, not the tool's hosts, group members or a report (Zoom → Mailchimp)",
    sources: [
      { op: "GET /users", fields: ["id", "email", "first_name", "last_name", "type", "dept", "timezone"] },
      { op: "GET /groups/{groupId}/members", fields: ["id", "email", "first_name", "last_name", "type"] },
      { op: "GET /metrics/meetings/{meetingId}/participants", fields: ["id", "user_name", "email", "join_time"] },
      {
        op: "GET /meetings/{meetingId}/registrants",
        fields: ["id", "email", "first_name", "last_name", "city", "status"],
      },
      // Zoom's users, groups and meetings are central to it.
      ...["settings", "assistants", "schedulers", "token"].map((s) => ({
        op: `GET /users/{userId}/${s}`,
        fields: ["x"],
      })),
      ...["admins", "lock", "settings"].map((s) => ({ op: `GET /groups/{groupId}/${s}`, fields: ["x"] })),
      ...["invitation", "polls", "recordings"].map((s) => ({ op: `GET /meetings/{meetingId}/${s}`, fields: ["x"] })),
    ],
    targets: [
      { op: "GET /lists/{list_id}/members", fields: ["id"] },
      {
        op: "POST /lists/{list_id}/members",
        fields: ["email_address*", "status*", "merge_fields.FNAME", "merge_fields.LNAME", "location.city"],
      },
    ],
    want: "GET /meetings/{meetingId}/registrants → POST /lists/{list_id}/members",
    note: { pair: "GET /users → POST /lists/{list_id}/members", says: "people outside the business" },
  },
];

describe("rankPairs by what a sync is for (issue 15)", () => {
  it.each(cases)("$name", expectRanking);

  it("people records are still the pair when neither side has transactions (CRM → marketing)", () => {
    const ranked = rankPairs(
      sketchSpec("source", [
        { op: "GET /crm/contacts", fields: CUSTOMER },
        { op: "GET /crm/notes", fields: ["id", "title", "content"] },
      ]),
      sketchSpec("target", [
        { op: "GET /lists/{list_id}/members", fields: ["id"] },
        { op: "POST /lists/{list_id}/members", fields: ["email_address*", "merge_fields.FNAME", "merge_fields.PHONE"] },
      ]),
    );
    expect(ranked[0]!.notes.join("; ")).not.toContain("business transactions");
  });

  it.each([
    ["orders", "invoices", 2],
    ["issues", "tickets", 2],
    ["payments", "BankTransactions", 2],
    ["customers", "contacts", 1],
    ["invoices", "Quotes", 0.5],
    ["orders", "Receipts", 1],
    ["orders", "inventoryReceipt", 1],
  ])("%s → %s: flow factor %d", (source, target, factor) => {
    expect(flowAffinity(resourceKind(source), resourceKind(target)).factor).toBe(factor);
  });

  it.each([
    [["metrics", "meetings", "participants"], "participants", "a report on records"],
    [["groups", "members"], "members", "a view of records listed elsewhere"],
    [["lists", "segments", "members"], "members", "a view of records listed elsewhere"],
    [["lists", "members"], "members", undefined],
  ])("record nature of %j", (segments, resource, says) => {
    expect(recordNature(segments, resource).note).toEqual(
      says === undefined ? undefined : expect.stringContaining(says),
    );
  });

  it.each([
    ["quotes", 0],
    ["salesorder", 1],
    ["customerinvoice", 2],
    ["payments", 3],
    ["customers", undefined],
  ])("%s is at stage %s of a sale", (resource, stage) => {
    expect(documentStage(resourceKind(resource).word)).toBe(stage);
  });
});
