import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { suggestMappings } from "./suggest.js";

const f = (path: string, type = "string", extra: Partial<FieldRecord> = {}): FieldRecord => ({
  path,
  type,
  required: false,
  ...extra,
});

const source = [
  f("id"),
  f("customer_id"),
  f("first_name"),
  f("last_name"),
  f("email"),
  f("address.city"),
  f("address.zip"),
  f("shipping.address.city"),
  f("created", "integer", { format: "unix-time" }),
];
const target = [
  f("clientId"),
  f("givenName"),
  f("surname"),
  f("emailAddress"),
  f("billingAddress.city"),
  f("billingAddress.postalCode"),
  f("createdAt", "string", { format: "date-time" }),
  f("favouriteColour"),
  f("fullName"),
];

describe("suggestMappings", () => {
  const byTarget = new Map(suggestMappings(source, target).map((s) => [s.target, s.candidates]));
  it.each([
    { target: "clientId", want: "customer_id" },
    { target: "givenName", want: "first_name" },
    { target: "surname", want: "last_name" },
    { target: "emailAddress", want: "email" },
    { target: "billingAddress.city", want: "address.city" },
    { target: "billingAddress.postalCode", want: "address.zip" },
    { target: "createdAt", want: "created" },
  ])("$target ← $want", ({ target: t, want }) => {
    expect(byTarget.get(t)?.[0]?.source).toEqual(want);
  });

  it("says which conversion a unix timestamp needs", () => {
    expect(byTarget.get("createdAt")?.[0]?.conversion).toBe("unix_to_iso_datetime");
  });

  it("offers nothing confident for a target with no counterpart", () => {
    const top = byTarget.get("favouriteColour")?.[0];
    expect(top === undefined || top.confidence < 0.5).toBe(true);
  });

  it("offers first + last → full name as a concat", () => {
    const concat = byTarget.get("fullName")?.find((c) => Array.isArray(c.source));
    expect(concat).toMatchObject({ source: ["first_name", "last_name"], conversion: "concat" });
  });

  it("keeps confidences in [0, 1], ranked, with reasons", () => {
    for (const candidates of byTarget.values()) {
      for (const c of candidates) {
        expect(c.confidence).toBeGreaterThanOrEqual(0);
        expect(c.confidence).toBeLessThanOrEqual(1);
        expect(c.reasons.length).toBeGreaterThan(0);
      }
      const confidences = candidates.map((c) => c.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
  });

  it("gives one source to one target: the closer one wins, the other is ranked lower", () => {
    const result = suggestMappings([f("address.city")], [f("address.city"), f("shipping.city")]);
    const [exact, other] = result.map((r) => r.candidates[0]?.confidence ?? 0);
    expect(exact).toBeGreaterThan(other as number);
  });
});
