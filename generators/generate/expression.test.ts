import { describe, expect, it } from "vitest";
import type { FieldRecord } from "../suggest/index.js";
import { accessor, expressionFor } from "./expression.js";

const fields = new Map<string, FieldRecord>(
  [
    { path: "id", type: "string", required: true },
    { path: "first_name", type: "string", required: true },
    { path: "last_name", type: "string", required: true },
    { path: "email", type: "string", required: true },
    { path: "nickname", type: "string", required: false },
    { path: "created", type: "integer", format: "unix-time", required: true },
    { path: "amount", type: "integer", required: true },
    { path: "price", type: "string", required: true },
    { path: "status", type: "string", enum: ["active", "lead", "gone"], required: true },
    { path: "address.city", type: "string", required: true },
    { path: "emails[].value", type: "string", required: false },
  ].map((f) => [f.path, f as FieldRecord]),
);

const target = (path: string, type = "string", extra: Partial<FieldRecord> = {}): FieldRecord => ({
  path,
  type,
  required: true,
  ...extra,
});

describe("expressionFor", () => {
  const tables: Record<string, Record<string, string>> = {};
  const table = (name: string, entries: Record<string, string>) => {
    tables[name] = entries;
    return name;
  };
  it.each([
    { source: "id", conversion: "none", target: target("client_id"), want: "r.id" },
    { source: "nickname", conversion: "none", target: target("alias"), want: 'r.nickname ?? ""' },
    { source: "address.city", conversion: "none", target: target("city"), want: 'r.address?.city ?? ""' },
    {
      source: "emails[].value",
      conversion: "first_item",
      target: target("mail_address"),
      want: 'r.emails[0]?.value ?? ""',
    },
    {
      source: ["first_name", "last_name"],
      conversion: "concat",
      target: target("full_name"),
      want: '`${r.first_name ?? ""} ${r.last_name ?? ""}`',
    },
    {
      source: "email",
      conversion: "none",
      target: target("email", "string", { format: "email" }),
      want: "r.email.trim().toLowerCase()",
    },
    {
      source: "amount",
      conversion: "minor_to_major",
      target: target("total", "number"),
      want: "parseNumber(fromCents(r.amount))",
    },
    { source: "price", conversion: "major_to_minor", target: target("price_cents", "integer"), want: "cents(r.price)" },
    {
      source: "created",
      conversion: "unix_to_iso_datetime",
      target: target("created_at"),
      want: 'date.format(date.fromUnix(r.created), "iso")',
    },
    { source: "amount", conversion: "cast", target: target("amount_text"), want: "String(r.amount)" },
    { source: "price", conversion: "cast", target: target("price", "number"), want: "parseNumber(r.price)" },
  ])("$source ($conversion) → $want", ({ source, conversion, target: t, want }) => {
    expect(expressionFor({ source, conversion, sourceFields: fields, target: t, table }).expression).toBe(want);
  });

  it("maps enum values that match by name into a lookup table and says which are missing", () => {
    const result = expressionFor({
      source: "status",
      conversion: "enum_map",
      sourceFields: fields,
      target: target("state", "string", { enum: ["ACTIVE", "LEAD", "ARCHIVED"] }),
      table,
    });
    expect(result.expression).toBe("lookup(STATE_BY_STATUS, r.status)");
    expect(tables.STATE_BY_STATUS).toEqual({ active: "ACTIVE", lead: "LEAD" });
    expect(result.note).toBe("no target value for gone: complete STATE_BY_STATUS");
  });

  it("quotes keys that are not identifiers", () => {
    expect(accessor("meta.x-id", new Map())).toBe('r.meta?.["x-id"]');
  });
});
