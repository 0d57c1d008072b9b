/**
 * Operation choice by how a target takes its records (issue 15, class 8, h-opchoice): a body that carries
 * the records in an array named after them, and a collection written with PUT because it has no POST.
 * Trimmed from SendGrid's marketing contacts; each case lost on the ranking before.
 */
import { describe, expect, it } from "vitest";
import { targetEndpoints } from "./endpoint-lists.js";
import { creatablePaths, readablePaths, targetShape } from "./operation-shape.js";
import { targetNaming } from "./pair-fit.js";
import { expectRanking, type RankingCase } from "./ranking-cases-test-support.js";
import { sketchSpec } from "./ranking-test-support.js";

const MEMBER = ["id", "email_address", "merge_fields.FNAME", "merge_fields.LNAME", "merge_fields.ADDRESS", "status"];

const cases: RankingCase[] = [
  {
    name: "records in an envelope named after them: members → PUT /marketing/contacts, not a legacy flat write (Mailchimp → SendGrid)",
    sources: [{ op: "GET /lists/{list_id}/members", fields: MEMBER }],
    targets: [
      { op: "GET /contactdb/recipients", fields: ["id"] },
      { op: "POST /contactdb/recipients", fields: ["email*", "last_name"] },
      { op: "GET /marketing/contacts", fields: ["id"] },
      {
        op: "PUT /marketing/contacts",
        fields: [
          "list_ids",
          "contacts[].email*",
          "contacts[].first_name",
          "contacts[].last_name",
          "contacts[].address_line_1",
          "contacts[].city",
        ],
      },
    ],
    want: "GET /lists/{list_id}/members → PUT /marketing/contacts",
  },
];

describe("rankPairs by how the target takes records (issue 15)", () => {
  it.each(cases)("$name", expectRanking);

  it("names an envelope's fields by the record's own names, and only an envelope named after the path's records", () => {
    const [contacts, orders] = targetEndpoints(
      sketchSpec("t", [
        { op: "PUT /marketing/contacts", fields: ["list_ids", "contacts[].email*", "contacts[].first_name"] },
        { op: "POST /orders", fields: ["id", "line_items[].sku", "line_items[].name"] },
      ]),
    );
    expect(targetNaming(contacts!)("contacts[].email")).toBe("email");
    expect(targetNaming(contacts!)("list_ids")).toBe("list_ids");
    expect(targetNaming(orders!)("line_items[].name")).toBe("line_items[].name");
  });

  it.each([
    ["PUT on a collection with no POST: how the API takes records", ["PUT /marketing/contacts"], 1],
    ["PUT beside a POST on the same collection: a second way in", ["PUT /Contacts", "POST /Contacts"], 0.8],
  ])("%s", (_, ops, factor) => {
    const spec = sketchSpec("t", [
      ...ops.map((op) => ({ op, fields: ["name"] })),
      { op: `GET ${ops[0]!.split(" ")[1]}`, fields: ["id"] },
    ]);
    const put = spec.operations.find((o) => o.method === "put")!;
    expect(targetShape(put, readablePaths(spec), creatablePaths(spec)).factor).toBeCloseTo(factor, 5);
  });
});
