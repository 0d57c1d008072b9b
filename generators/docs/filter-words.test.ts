import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Filter } from "../../runtime/artifact/index.js";
import { conditionDocs, flowSteps, mappingRows } from "./filter-words.js";

// Written as YAML, as artifacts are: a `then` key in a TS object literal reads as a thenable.
const filters = (
  parse(`
- type: condition
  if: record.kind == "order"
  then: [{ type: compute, fields: [{ target: total, expr: record.qty * record.price }] }]
  else: drop
- type: map
  fields:
    - { target: id, from: id, default: n/a }
    - { target: source, value: shop }
    - target: lines
      from: items
      each: [{ target: sku, from: sku }, { target: order, expr: root.id }]
- { type: condition, if: has(record.test), then: drop, else: keep }
`) as unknown[]
).map((f) => Filter.parse(f));

describe("mappingRows", () => {
  it("lists every field written, nested routes and `each` items included", () => {
    const rows = mappingRows(filters).map((r) => [r.path, r.target, r.kind, r.sources.join(" "), r.words]);
    expect(rows).toEqual([
      ["filters[0].then[0].fields[0]", "total", "computed", "price qty", "`qty` times `price`"],
      ["filters[1].fields[0]", "id", "copy", "id", 'copied from `id`; "n/a" when absent or null'],
      ["filters[1].fields[1]", "source", "constant", "", 'always "shop"'],
      ["filters[1].fields[2]", "lines", "copy", "items", "copied from `items`; each item mapped as below"],
      ["filters[1].fields[2].each[0]", "lines[].sku", "copy", "items[].sku", "copied from `items[].sku`"],
      ["filters[1].fields[2].each[1]", "lines[].order", "expression", "id", "`id` of the whole record"],
    ]);
  });
});

describe("conditionDocs and flowSteps", () => {
  it("say what each condition does with the record", () => {
    expect(conditionDocs(filters).map((c) => [c.path, c.words, c.onTrue, c.onFalse])).toEqual([
      ["filters[0]", '`kind` is "order"', "run 1 step: compute `total`", "drop the record"],
      ["filters[2]", "`test` is present", "drop the record", "keep the record"],
    ]);
    expect(flowSteps(filters).map((s) => s.summary)).toEqual([
      'route on `kind` is "order"',
      "map to 3 fields",
      "drop if `test` is present",
    ]);
  });
});
