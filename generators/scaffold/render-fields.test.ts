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
    {
      // Jira -> Asana in the sweep: the one candidate was a sketch, so the map set nothing and `build` failed.
      name: "no field renders as code: the best candidate's field becomes a todo()",
      fields: [
        unmapped("name"),
        {
          target: "tags",
          required: false,
          suggestions: [{ expression: "r.labels", confidence: 0.3, reasons: [], sources: [] }],
        },
      ],
      want: [
        "{",
        "  // no candidate in the source [cannectors:candidates name] (optional name)",
        "  // low-confidence candidates: r.labels (0.30) [cannectors:todo tags]",
        '  tags: todo("tags"),',
        "}",
      ],
    },
    {
      name: "no candidate anywhere: the first field becomes a todo()",
      fields: [unmapped("title"), unmapped("notes")],
      want: [
        "{",
        "  // no candidate in the source [cannectors:todo title]",
        '  title: todo("title"),',
        "  // no candidate in the source [cannectors:candidates notes] (optional notes)",
        "}",
      ],
    },
  ])("$name", ({ fields, want }) => {
    expect(renderMapBody(fields, "", () => {}).split("\n")).toEqual(want);
  });
});
