import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { suggestMappings } from "./suggest.js";

const f = (path: string, extra: Partial<FieldRecord> = {}): FieldRecord => ({
  path,
  type: "string",
  required: false,
  ...extra,
});
const source = [f("id"), f("email"), f("first_name")];

function topOf(target: FieldRecord, sourceResource: string, targetResource: string) {
  const [suggestion] = suggestMappings(source, [target], { context: { sourceResource, targetResource } });
  return suggestion?.candidates[0];
}

describe("record context", () => {
  it("fills the target's own key with the id of the same kind of record", () => {
    expect(topOf(f("client_id"), "customers", "clients")).toMatchObject({ source: "id" });
  });

  it.each([
    { name: "another kind of record", key: f("employeeId"), from: "applicants", to: "employees" },
    {
      name: "a key the target generates",
      key: f("InvoiceID", { format: "uuid", description: "Generated unique identifier for invoice" }),
      from: "invoices",
      to: "Invoices",
    },
  ])("offers no source id for the own key of $name", ({ key, from, to }) => {
    const top = topOf(key, from, to);
    expect(top?.source).not.toBe("id");
  });
});
