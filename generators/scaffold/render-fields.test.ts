import { describe, expect, it } from "vitest";
import type { FieldPlan } from "./plan.js";
import { renderMapBody } from "./render-fields.js";

const mapped = (target: string, expression: string): FieldPlan => ({
  target,
  required: false,
  suggestions: [{ expression, confidence: 0.95, reasons: [], sources: [] }],
});
const unmapped = (target: string): FieldPlan => ({ target, required: false, suggestions: [] });

describe("renderMapBody", () => {
  it.each([
    {
      name: "a nested object with a mapped field",
      fields: [mapped("address.city", "r.city"), unmapped("address.state")],
      want: [
        "{",
        "  address: {",
        "    city: r.city,",
        "    // no candidate in the source [cannectors:candidates address.state] (optional address.state)",
        "  },",
        "}",
      ],
    },
    {
      // `shipping: { address: {} }` would have to satisfy Stripe's required shipping.name.
      name: "nested objects with nothing mapped: comments only, no empty object",
      fields: [unmapped("shipping.address.city"), unmapped("shipping.name"), mapped("email", "r.email")],
      want: [
        "{",
        "  // no candidate in the source [cannectors:candidates shipping.address.city] (optional shipping.address.city)",
        "  // no candidate in the source [cannectors:candidates shipping.name] (optional shipping.name)",
        "  email: r.email,",
        "}",
      ],
    },
  ])("$name", ({ fields, want }) => {
    expect(renderMapBody(fields, "", () => {}).split("\n")).toEqual(want);
  });
});
