import { describe, expect, it } from "vitest";
import { findCrossProduct } from "./cross-product.js";

describe("findCrossProduct", () => {
  it.each([
    "record.items.map(a, a.price * 2)",
    "record.orders.map(o, o.lines.map(l, l.qty))",
    "record.orders.exists(o, o.lines.exists(l, l.tags.exists(t, t == 'x')))",
    "record.orders.map(o, o['lines'].filter(l, l.qty > 0).size())",
    "record.items.map(a, a).map(b, b)",
    "record.a.all(x, x > 0) && record.b.exists(y, y == 1)",
    'regexMatch(record.s, "(a+)+$")',
  ])("accepts %s", (source) => {
    expect(findCrossProduct(source)).toBeUndefined();
  });

  it.each([
    { source: "record.items.map(a, record.items.map(b, a))", offset: 20 },
    { source: "record.items.exists(a, record.items.exists(b, record.items.exists(c, c == a)))", offset: 23 },
    { source: "record.items.map(a, (record.items + [a]).exists(b, b == a))", offset: 21 },
    { source: "record.o.map(o, o.lines.map(l, record.o.all(x, true)))", offset: 31 },
  ])("refuses $source", ({ source, offset }) => {
    const found = findCrossProduct(source);
    expect(found?.message).toMatch(/inside another comprehension must range over part of the enclosing element/);
    expect(found?.offset).toBe(offset);
  });
});
