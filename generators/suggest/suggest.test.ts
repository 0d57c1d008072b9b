import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { type EncodedField, encodeFields, pairEvidence } from "./features.js";
import { profileField } from "./profile.js";
import { scoreCandidates, suggestMappings } from "./suggest.js";

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

  it.each([
    {
      name: "a record's own list over a look-alike in a sibling list",
      source: [
        f("phone_numbers[].number"),
        f("phone_numbers[].type"),
        f("addresses[].phone_number"),
        f("addresses[].city"),
      ],
      target: [f("phone")],
      want: "phone_numbers[].number",
    },
    {
      name: "the record's own field over the same name in a nested object",
      source: [f("title"), f("repository.name"), f("user.name"), f("milestone.title")],
      target: [f("name")],
      want: "title",
    },
    {
      name: "an unqualified address fills the default variant, not the work one",
      source: [f("addresses[].city"), f("addresses[].postal_code")],
      target: [f("workAddress.city"), f("homeAddress.city"), f("homeAddress.postalCode")],
      want: "addresses[].city",
      at: "homeAddress.city",
    },
  ])("$name", ({ source: s, target: t, want, at }) => {
    const result = new Map(suggestMappings(s, t).map((r) => [r.target, r.candidates]));
    expect(result.get(at ?? (t[0] as FieldRecord).path)?.[0]?.source).toEqual(want);
  });

  it("is not confident about a name match inside an unrelated parent", () => {
    const result = suggestMappings(
      [f("first_name"), f("last_name"), f("emails[].email")],
      [f("firstName"), f("emergencyContacts[].firstName"), f("emergencyContacts[].email")],
    );
    const confidence = new Map(result.map((r) => [r.target, r.candidates[0]?.confidence ?? 0]));
    expect(confidence.get("firstName")).toBeGreaterThan(0.5);
    expect(confidence.get("emergencyContacts[].firstName")).toBeLessThan(0.5);
    expect(confidence.get("emergencyContacts[].email")).toBeLessThan(confidence.get("firstName") as number);
  });

  it("reads the head of a compound name: an owner_percent is no owner id", () => {
    const [percent] = suggestMappings([f("owner_id", "integer"), f("title")], [f("ownerPercent", "number")]);
    expect(percent?.candidates[0]?.confidence ?? 0).toBeLessThan(0.5);
    // A postmodifier ("excluding tax") does not move the head: this is still an amount.
    const encoded = encodeFields(
      [profileField(f("unit_amount_excluding_tax", "integer"))],
      [profileField(f("UnitAmount"))],
    );
    const [s, t] = [encoded.sources[0], encoded.targets[0]] as [EncodedField, EncodedField];
    expect(pairEvidence(s, t, encoded.space).features.headNoun).toBe(1);
  });

  it("lets one list feed each typed target: a list of phone numbers is not used up by one", () => {
    const scored = scoreCandidates(
      [f("phone_numbers[].number"), f("phone_numbers[].type"), f("first_name")],
      [f("phone"), f("mobile_phone")],
    );
    const mobile = scored
      .find((r) => r.target === "mobile_phone")
      ?.candidates.find((c) => c.source === "phone_numbers[].number");
    expect(scored[0]?.candidates[0]).toMatchObject({ source: "phone_numbers[].number", assigned: true });
    expect(mobile).toMatchObject({ taken: false });
    expect(mobile?.sourceMargin).toBeGreaterThanOrEqual(0);
  });
});
