import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { suggestMappings } from "./suggest.js";

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
