import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { readingPaths } from "./flattened-objects.js";
import { preparePair } from "./suggest.js";

const f = (path: string, extra: Partial<FieldRecord> = {}): FieldRecord => ({
  path,
  type: "string",
  required: false,
  ...extra,
});

describe("flattened objects", () => {
  it("reads a key's prefixed siblings as the fields of its record", () => {
    const fields = [
      f("customer", { expandable: true }),
      f("customer_email"),
      f("customer_name"),
      f("number"),
      f("accountId"),
      f("accountName"),
      f("accountNumber"),
    ];
    expect(readingPaths(fields)).toEqual([
      "customer.id",
      "customer.email",
      "customer.name",
      "number",
      "account.id",
      "account.name",
      "account.number",
    ]);
  });

  it("leaves a lone prefixed sibling, a key named after its own object and lists alone", () => {
    const fields = [
      f("company_id"),
      f("company_name"),
      f("Contact.ContactID"),
      f("Contact.ContactNumber"),
      f("Contact.ContactStatus"),
      f("owner_id"),
      f("owner_tags[]"),
      f("owner_emails[]"),
      f("events[].eventId"),
      f("events[].eventType"),
      f("events[].eventDateTime"),
    ];
    expect(readingPaths(fields)).toEqual(fields.map((x) => x.path));
  });

  it("compares a flattened field with a nested one leaf for leaf", () => {
    const source = [f("customer", { expandable: true }), f("customer_email"), f("customer_name"), f("number")];
    const prepared = preparePair(source, [f("Contact.Name")]);
    expect(prepared.sources.map((s) => s.leaf.join(" "))).toContain(prepared.targets[0]?.leaf.join(" "));
    expect(prepared.sources.map((s) => s.field.path)).toEqual(source.map((s) => s.path));
  });
});
