import { describe, expect, it } from "vitest";
import type { MapFilter } from "../../artifact/index.js";
import { generateMap } from "./map-codegen.js";
import { compileFieldParts } from "./map-field.js";
import { compileFilters } from "../../filters/index.js";

const filter: MapFilter = {
  type: "map",
  keepUnmapped: false,
  fields: [
    { target: "id", from: "id" },
    { target: "city", from: "address.city" },
    { target: "first_tag", from: "tags[0]" },
    { target: "name", expr: 'concat(record.first, " ", record.last)' },
    { target: "meta", value: { source: "crm", list: [1] } },
    { target: "zip", from: "address.zip", default: "n/a" },
    { target: "lines", from: "lines", each: [{ target: "sku", from: "sku" }] },
  ],
};

const full = {
  id: 1,
  address: { city: "Paris", zip: "75001" },
  tags: ["vip"],
  first: "Ada",
  last: "L",
  lines: [{ sku: "a", qty: 1 }],
};

describe("generated map filter", () => {
  it("builds the record in target order when every value is there", () => {
    const [out] = compileFilters([filter])(full, 0);
    expect(Object.keys(out!)).toEqual(["id", "city", "first_tag", "name", "meta", "zip", "lines"]);
    expect(out).toEqual({
      id: 1,
      city: "Paris",
      first_tag: "vip",
      name: "Ada L",
      meta: { source: "crm", list: [1] },
      zip: "75001",
      lines: [{ sku: "a" }],
    });
  });

  it("leaves out missing values, keeps the order, applies defaults, copies constants per record", () => {
    const run = compileFilters([filter]);
    const [a] = run({ first: "A", last: "B", tags: [], address: ["not", "a map"] }, 0);
    const [b] = run({ first: "A", last: "B" }, 1);
    expect(Object.keys(a!)).toEqual(["name", "meta", "zip"]);
    expect(a).toEqual({ name: "A B", meta: { source: "crm", list: [1] }, zip: "n/a" });
    expect(a!.meta).not.toBe(b!.meta);
  });

  it("writes nested targets and keeps unmapped fields as the closures do", () => {
    const nested: MapFilter = {
      type: "map",
      keepUnmapped: true,
      fields: [
        { target: "who.name", expr: "record.first" },
        { target: "who.id", from: "id" },
        { target: "first", from: "last" },
      ],
    };
    const fields = nested.fields.map((f, i) => compileFieldParts(f, ["filters", 0, "fields", i], false, f.target));
    const generated = generateMap(fields, undefined);
    expect(generated?.(full, 0)).toEqual({ who: { name: "Ada", id: 1 }, first: "L" });
    const [out] = compileFilters([nested])(full, 0);
    expect(Object.keys(out!)).toEqual(["who", "first", "address", "tags", "lines"]);
  });
});
