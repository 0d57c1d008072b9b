/**
 * Operation choice on the shapes real vendor specs have (issue 15, class 8), trimmed to the paths that
 * decide: each case is a few operations of a real spec pair where the business pair lost to a settings
 * endpoint, a record's nested list or a container. Field names are the vendors' own, cut down.
 */
import { describe, it } from "vitest";
import { expectRanking, type RankingCase } from "./ranking-cases-test-support.js";

const TICKET = ["id", "title", "description", "status", "priority", "dueDateTime", "createDate", "assignedResourceID"];
const ISSUE_BODY = ["fields", "update", "transition.id", "historyMetadata.description", "historyMetadata.type"];
const ORDER = ["orderId", "creationDate", "buyer.username", "pricingSummary.total.value", "lineItems"];
const INVOICE_BODY = ["customer.value", "date.value", "description.value", "currency.value", "invoiceLines"];
const MEMBER = ["id", "email_address", "status", "merge_fields", "timestamp_signup"];

const cases: RankingCase[] = [
  {
    name: "helpdesk → issue tracker: tickets → issue, not a settings screen (Autotask → Jira)",
    sources: [
      {
        op: "GET /V1.0/Tags/entityInformation/userDefinedFields",
        fields: ["name", "label", "description", "dataType", "isRequired"],
      },
      { op: "GET /V1.0/Tickets/query", fields: TICKET, query: ["search"] },
      { op: "GET /V1.0/Tickets/{id}", fields: TICKET },
    ],
    targets: [
      { op: "POST /rest/api/3/screens", fields: ["name*", "description"] },
      { op: "POST /rest/api/3/issuesecurityschemes", fields: ["name*", "description", "levels"] },
      { op: "GET /rest/api/3/issue/{issueIdOrKey}", fields: ["id", "key"] },
      { op: "POST /rest/api/3/issue", fields: ISSUE_BODY },
    ],
    want: "GET /V1.0/Tickets/query → POST /rest/api/3/issue",
    note: {
      pair: "GET /V1.0/Tags/entityInformation/userDefinedFields → POST /rest/api/3/screens",
      says: "describes the API, not business records",
    },
  },
  {
    name: "e-commerce → accounting: the order list → a customer invoice, not one order's nested list (eBay → Visma)",
    sources: [
      { op: "GET /order", fields: ORDER },
      { op: "GET /order/{orderId}", fields: ["lineItemId", "title", "quantity", "total.value"] },
      { op: "GET /order/{orderId}/shipping_fulfillment", fields: ["fulfillmentId", "shippedDate", "lineItems"] },
    ],
    targets: [
      { op: "GET /controller/api/v1/customerinvoice", fields: ["referenceNumber"] },
      { op: "GET /controller/api/v1/customerinvoice/{invoiceNumber}", fields: ["referenceNumber"] },
      { op: "POST /controller/api/v1/customerinvoice", fields: INVOICE_BODY },
      {
        op: "PUT /controller/api/v1/location/{bAccountId}/{locationId}",
        fields: ["locationId.value", "locationName.value", "address.addressLine1.value", "contact.email.value"],
      },
    ],
    want: "GET /order → POST /controller/api/v1/customerinvoice",
    note: { pair: "GET /order/{orderId} → POST /controller/api/v1/customerinvoice", says: "reads one record" },
  },
  {
    name: "RPC-style paths: order.list.json lists orders, product.add.json creates products (api2cart)",
    sources: [
      { op: "GET /cart.giftcard.list.json", fields: ["id", "code", "amount", "status", "created_time"] },
      {
        op: "GET /order.list.json",
        fields: ["id", "order_id", "customer.email", "totals.total", "status", "create_at"],
      },
    ],
    targets: [
      { op: "GET /order.info.json", fields: ["id"] },
      { op: "GET /order.list.json", fields: ["id"] },
      { op: "POST /order.add.json", fields: ["customer_email*", "order_status*", "total_price", "create_at"] },
      { op: "PUT /order.update.json", fields: ["order_id*", "order_status", "comment"] },
    ],
    want: "GET /order.list.json → POST /order.add.json",
    note: { pair: "GET /order.list.json → PUT /order.update.json", says: "updates one existing record" },
  },
  {
    name: "marketing: the members inside a list, not the lists (Mailchimp → SendGrid)",
    sources: [
      { op: "GET /lists", fields: ["id", "name", "contact.company", "stats.member_count", "date_created"] },
      { op: "GET /lists/{list_id}/members", fields: MEMBER },
    ],
    targets: [
      { op: "GET /marketing/lists", fields: ["id"] },
      { op: "POST /marketing/lists", fields: ["name*"] },
      { op: "GET /marketing/contacts", fields: ["id"] },
      { op: "POST /marketing/contacts", fields: ["email*", "first_name", "last_name", "list_ids"] },
    ],
    want: "GET /lists/{list_id}/members → POST /marketing/contacts",
    note: { pair: "GET /lists → POST /marketing/lists", says: "hold the business records" },
  },
  {
    name: "issue trackers nest issues in repositories: issues → issues, not repositories → repos (Bitbucket → Gitea)",
    sources: [
      { op: "GET /repositories", fields: ["uuid", "name", "full_name", "description", "is_private", "created_on"] },
      {
        op: "GET /repositories/{workspace}/{repo_slug}/issues",
        fields: ["id", "title", "content.raw", "state", "kind", "priority", "assignee.display_name", "created_on"],
      },
    ],
    targets: [
      { op: "GET /user/repos", fields: ["id"] },
      { op: "POST /user/repos", fields: ["name*", "description", "private", "default_branch"] },
      { op: "GET /repos/{owner}/{repo}/issues", fields: ["id"] },
      { op: "POST /repos/{owner}/{repo}/issues", fields: ["title*", "body", "assignee", "due_date", "closed"] },
    ],
    want: "GET /repositories/{workspace}/{repo_slug}/issues → POST /repos/{owner}/{repo}/issues",
  },
  {
    name: "invoices → pushed invoices: Codat writes under /push and reads under /data; locations are containers (Square → Codat)",
    sources: [
      { op: "GET /v2/locations", fields: ["id", "name", "address.locality", "timezone", "status", "created_at"] },
      {
        op: "GET /v2/invoices",
        fields: ["id", "invoice_number", "title", "description", "status", "primary_recipient.email_address"],
        query: ["location_id"],
      },
    ],
    targets: [
      { op: "GET /companies/{companyId}/data/invoices", fields: ["id"] },
      { op: "GET /companies/{companyId}/data/suppliers", fields: ["id"] },
      {
        op: "POST /companies/{companyId}/connections/{connectionId}/push/invoices",
        fields: ["invoiceNumber", "note", "status", "customerRef.id*", "issueDate*", "dueDate"],
      },
      {
        op: "POST /companies/{companyId}/connections/{connectionId}/push/suppliers",
        fields: ["supplierName", "status*", "addresses", "contactName", "emailAddress"],
      },
    ],
    want: "GET /v2/invoices → POST /companies/{companyId}/connections/{connectionId}/push/invoices",
  },
];

describe("rankPairs on trimmed real spec shapes (issue 15, class 8)", () => {
  it.each(cases)("$name", expectRanking);
});
