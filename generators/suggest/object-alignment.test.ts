import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { preparePair, suggestMappings } from "./suggest.js";

const f = (path: string): FieldRecord => ({ path, type: "string", required: false });
const address = (parent: string, leaves = ["line1", "city", "postcode", "country"]) =>
  leaves.map((leaf) => f(`${parent}.${leaf}`));
const best = (source: FieldRecord[], target: FieldRecord[]) =>
  new Map(suggestMappings(source, target).map((s) => [s.target, s.candidates[0]?.source]));

describe("object alignment", () => {
  // Twin objects tie field by field, and where the named twin asks for fewer fields the one-to-one
  // assignment of fields leaves the tie: the named target object takes its namesake as a whole.
  it("gives the unnamed target object the twin its named sibling did not take", () => {
    const got = best(
      [f("id"), ...address("billing_address"), ...address("shipping_address")],
      [...address("billing.address", ["city", "country"]), ...address("recipient.address")],
    );
    for (const leaf of ["city", "country"]) expect(got.get(`billing.address.${leaf}`)).toBe(`billing_address.${leaf}`);
    for (const leaf of ["line1", "city", "postcode", "country"])
      expect(got.get(`recipient.address.${leaf}`)).toBe(`shipping_address.${leaf}`);
  });
});

describe("object choice by elimination", () => {
  // `recipient.address` ties between the twins field by field; once `billing.address` has clearly taken
  // `billing_address`, `shipping_address` is its clear choice, and `shipping` is no foreign parent there.
  it("reads the twin left over as the target object's own, not as a foreign parent", () => {
    const targets = [...address("billing.address", ["city", "country"]), ...address("recipient.address")];
    const prepared = preparePair([f("id"), ...address("billing_address"), ...address("shipping_address")], targets);
    const ti = targets.findIndex((t) => t.path === "recipient.address.city");
    const si = prepared.sources.findIndex((s) => s.field.path === "shipping_address.city");
    const features = prepared.evidence[ti]?.[si]?.features;
    expect(features?.sourceParentUnmatched).toBe(0);
    expect(features?.targetParentUnmatched).toBe(0);
  });
});
