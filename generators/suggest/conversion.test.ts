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
      name: "same enum, other letter case",
      s: field("kind", "string", { enum: ["a", "b"] }),
      t: field("type", "string", { enum: ["B", "A"] }),
      want: "uppercase",
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
    {
      name: "element by element",
      s: field("labels[].name", "string"),
      t: field("tags[]", "array<string>"),
      want: "none",
    },
    {
      name: "lowercase → uppercase code",
      s: field("currency", "string", { description: "Three-letter ISO currency code, in lowercase." }),
      t: field("CurrencyCode", "string", { enum: ["EUR", "USD"] }),
      want: "uppercase",
    },
    {
      name: "state name → two-letter code",
      s: field("addresses[].state", "string", { description: "Name of state" }),
      t: field("state", "string", { description: "State or province. Max length: 2" }),
      want: "first_item+format",
    },
    {
      name: "free-text phone → digits",
      s: field("phone", "string", { description: "The customer's phone number." }),
      t: field("phone_number", "string", { description: "The 11-digit phone number." }),
      want: "format",
    },
    {
      name: "vendor date layout",
      s: field("birthday", "string", { format: "date" }),
      t: field("birthDate", "string", { format: "vendor-date" }),
      want: "format",
    },
    {
      name: "decimal → milliunits, money out positive → negative",
      s: field("amount", "number", { description: "Positive values when money moves out of the account." }),
      t: field("amount", "integer", { description: "The amount in milliunits format." }),
      want: "major_to_milliunits+negate",
    },
  ])("$name", ({ s, t, want }) => {
    expect(detectConversion(profileField(s), profileField(t)).conversion).toBe(want);
  });

  it("rates incompatible types low and identical ones high", () => {
    const low = detectConversion(profileField(field("metadata", "object")), profileField(field("name", "string")));
    const high = detectConversion(profileField(field("name", "string")), profileField(field("name", "string")));
    expect(low.compatibility).toBeLessThan(0.3);
    expect(high.compatibility).toBe(1);
  });

  it("rates a decimal string as good as a number", () => {
    const decimal = detectConversion(
      profileField(field("unit_amount_decimal", "string", { format: "decimal" })),
      profileField(field("UnitAmount", "number")),
    );
    const text = detectConversion(
      profileField(field("unit_label", "string")),
      profileField(field("UnitAmount", "number")),
    );
    expect(decimal).toMatchObject({ conversion: "cast", compatibility: 0.95 });
    expect(text.compatibility).toBeLessThan(0.8);
  });

  it("rates a count far below its name for the things counted", () => {
    const count = detectConversion(profileField(field("comments", "integer")), profileField(field("notes", "string")));
    const id = detectConversion(profileField(field("id", "integer")), profileField(field("external_id", "string")));
    expect(count.compatibility).toBeLessThan(id.compatibility / 2);
  });
});
