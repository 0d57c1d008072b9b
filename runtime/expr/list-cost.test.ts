import { describe, expect, it } from "vitest";
import { checkExpression } from "./check.js";

const warning = (source: string) => {
  const found = checkExpression(source, ["record"]);
  return found?.severity === "warning" ? found.code : found?.code;
};

describe("validate warns when an expression's cost grows faster than linearly with a list", () => {
  it.each([
    'record.items.filter(x, join(record.items, ",").contains("zz"))',
    "record.items.filter(x, x in record.allowed)",
    'record.items.exists(x, x.id in split(record.csv, ","))',
    'record.orders.map(o, o.lines.map(l, split(record.csv, ",")))',
  ])("%s", (source) => {
    expect(warning(source)).toBe("CANNECTORS_E_EXPRESSION_COST");
  });

  it.each([
    "record.items.map(i, i.qty * i.price)",
    "record.orders.map(o, o.lines.map(l, l.qty))",
    'record.items.filter(x, x.name.contains("zz"))',
    'join(record.items, ",")',
    'record.tags.exists(t, t == "vip") && "a" in record.tags',
    "record.items.map(x, x + 1)",
    "record.items.map(i, i.price + record.shipping == record.total)",
    'record.items.map(i, concat(i.name, " ", record.suffix))',
  ])("no warning for linear cost: %s", (source) => {
    expect(checkExpression(source, ["record"])).toBeUndefined();
  });
});
