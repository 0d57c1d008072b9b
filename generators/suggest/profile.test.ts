import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { profileField } from "./profile.js";

const field = (path: string, type = "string", extra: Partial<FieldRecord> = {}): FieldRecord => ({
  path,
  type,
  required: false,
  ...extra,
});

describe("profileField", () => {
  it.each([
    { path: "emails[].email", context: ["email"], standsIn: true },
    { path: "phone_numbers[].number", context: ["phone"], standsIn: true },
    { path: "attributes.amount.value", context: ["amount"], standsIn: true },
    { path: "assignee.login", context: ["owner"], standsIn: true },
    { path: "addresses[].phone_number", context: ["address", "phone"], standsIn: false },
    { path: "email", context: ["email"], standsIn: false },
    { path: "labels[].name", context: ["tag"], standsIn: true },
    { path: "repository.name", context: ["repository", "name"], standsIn: false },
  ])("reads $path as $context", ({ path, context, standsIn }) => {
    const p = profileField(field(path));
    expect(p.context).toEqual(context);
    expect(p.standsIn).toBe(standsIn);
  });

  it.each([
    { path: "lines.data[].amount", parent: ["line"], context: ["line", "amount"], inArray: true },
    { path: "attributes.createdAt", parent: [], context: ["created"], inArray: false },
    { path: "data.attributes.amount.value", parent: ["amount"], context: ["amount"], inArray: false },
    { path: "edges[].node.title", parent: [], context: ["title"], inArray: true },
    {
      path: "billing_data.amount",
      parent: ["billing", "data"],
      context: ["billing", "data", "amount"],
      inArray: false,
    },
    { path: "relationships.tags.data[].id", parent: ["tag"], context: ["tag", "identifier"], inArray: true },
    // A collection word is dropped when another word names the elements, kept when it is all there is.
    { path: "LineItems[].UnitAmount", parent: ["line"], context: ["line", "price"], inArray: true },
    { path: "order_entries[].quantity", parent: ["order"], context: ["order", "quantity"], inArray: true },
    { path: "items[].name", parent: ["product"], context: ["product"], inArray: true },
  ])("skips envelopes above $path: parent $parent", ({ path, parent, context, inArray }) => {
    const p = profileField(field(path));
    expect(p.parent).toEqual(parent);
    expect(p.context).toEqual(context);
    expect(p.inArray).toBe(inArray);
  });

  it.each([
    { path: "comments", type: "integer", count: true },
    { path: "comment_count", type: "integer", count: true },
    { path: "status", type: "integer", count: false },
    { path: "comments", type: "string", count: false },
  ])("$path ($type) is a count: $count", ({ path, type, count }) => {
    expect(profileField(field(path, type)).count).toBe(count);
  });

  it.each([
    { path: "workAddress.city", secondary: true },
    { path: "secondary_email", secondary: true },
    { path: "homeAddress.city", secondary: false },
    { path: "address.city", secondary: false },
  ])("$path names a non-default variant: $secondary", ({ path, secondary }) => {
    expect(profileField(field(path)).secondary).toBe(secondary);
  });

  it("knows what one element of an array of scalars holds", () => {
    expect(profileField(field("tags[]", "array<string>"))).toMatchObject({ kind: "array", elementKind: "string" });
  });

  it("reads an expandable field as the id of what it names", () => {
    expect(profileField(field("customer", "string", { expandable: true })).leaf).toEqual(["client", "identifier"]);
  });

  it.each([
    { path: "unit_amount_decimal", format: "decimal", numericText: true },
    { path: "unit_label", format: undefined, numericText: false },
  ])("$path is a number written as text: $numericText", ({ path, format, numericText }) => {
    expect(profileField(field(path, "string", format ? { format } : {})).numericText).toBe(numericText);
  });

  it("knows that a city is part of an address", () => {
    expect(profileField(field("city")).implied).toEqual(["address"]);
    expect(profileField(field("email")).implied).toEqual([]);
  });

  it("splits `ids` like `id`", () => {
    expect(profileField(field("customer_tax_ids[].value")).context).toEqual(["client", "taxid"]);
  });
});
