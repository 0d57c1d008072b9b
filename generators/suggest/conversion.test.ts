import { describe, expect, it } from "vitest";
import { detectConversion } from "./conversion.js";
import type { FieldRecord } from "./field-record.js";
import { profileField } from "./profile.js";

const field = (path: string, type: string, extra: Partial<FieldRecord> = {}): FieldRecord => ({
  path,
  type,
  required: false,
  ...extra,
});

describe("detectConversion", () => {
  it.each([
    { name: "same type", s: field("email", "string"), t: field("email_address", "string"), want: "none" },
    {
      name: "unix → ISO",
      s: field("created", "integer", { format: "unix-time" }),
      t: field("created_at", "string", { format: "date-time" }),
      want: "unix_to_iso_datetime",
    },
    {
      name: "unix → date",
      s: field("due_date", "integer", { description: "Seconds since the Unix epoch." }),
      t: field("DueDate", "string", { format: "date" }),
      want: "unix_to_date",
    },
    {
      name: "datetime → date",
      s: field("createdAt", "string", { format: "date-time" }),
      t: field("date", "string", { format: "date" }),
      want: "datetime_to_date",
    },
    {
      name: "cents → decimal",
      s: field("amount", "integer", { description: "in the smallest currency unit" }),
      t: field("Amount", "number"),
      want: "minor_to_major",
    },
    {
      name: "decimal → cents",
      s: field("price", "number"),
      t: field("unit_amount", "integer", { description: "A positive integer in cents." }),
      want: "major_to_minor",
    },
    {
      name: "enum → enum",
      s: field("status", "string", { enum: ["open", "paid"] }),
      t: field("Status", "string", { enum: ["DRAFT", "PAID"] }),
      want: "enum_map",
    },
    {
      name: "same enum",
      s: field("kind", "string", { enum: ["a", "b"] }),
      t: field("type", "string", { enum: ["B", "A"] }),
      want: "none",
    },
    {
      name: "enum → boolean",
      s: field("status", "string", { enum: ["active", "archived"] }),
      t: field("active", "boolean"),
      want: "enum_map",
    },
    { name: "array item", s: field("emails[].email", "string"), t: field("email", "string"), want: "first_item" },
    {
      name: "array item + cast",
      s: field("items[].qty", "integer"),
      t: field("quantity", "string"),
      want: "first_item+cast",
    },
    { name: "number → string", s: field("id", "integer"), t: field("external_id", "string"), want: "cast" },
    { name: "foreign id", s: field("company_id", "string"), t: field("account_id", "string"), want: "id_lookup" },
    { name: "object → scalar", s: field("metadata", "object"), t: field("note", "string"), want: "extract" },
  ])("$name", ({ s, t, want }) => {
    expect(detectConversion(profileField(s), profileField(t)).conversion).toBe(want);
  });

  it("rates incompatible types low and identical ones high", () => {
    const low = detectConversion(profileField(field("metadata", "object")), profileField(field("name", "string")));
    const high = detectConversion(profileField(field("name", "string")), profileField(field("name", "string")));
    expect(low.compatibility).toBeLessThan(0.3);
    expect(high.compatibility).toBe(1);
  });
});
