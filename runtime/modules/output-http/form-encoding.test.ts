import { describe, expect, it } from "vitest";
import { encodeForm } from "./form-encoding.js";

describe("encodeForm", () => {
  it.each([
    { name: "flat scalars", record: { email: "a@b.co", amount: 1250 }, want: "email=a%40b.co&amount=1250" },
    { name: "booleans as true/false", record: { livemode: false, active: true }, want: "livemode=false&active=true" },
    { name: "null and absent values omitted", record: { a: null, b: undefined, c: "x" }, want: "c=x" },
    {
      name: "nested objects in brackets",
      record: { metadata: { plan: "pro", seats: 3 } },
      want: "metadata[plan]=pro&metadata[seats]=3",
    },
    {
      name: "arrays indexed",
      record: { expand: ["customer", "invoice"] },
      want: "expand[0]=customer&expand[1]=invoice",
    },
    {
      name: "arrays of objects",
      record: { items: [{ price: "p_1", quantity: 2 }, { price: "p_2" }] },
      want: "items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2",
    },
    { name: "deep nesting", record: { a: { b: { c: [true] } } }, want: "a[b][c][0]=true" },
    { name: "empty objects and arrays send nothing", record: { a: {}, b: [], c: 0 }, want: "c=0" },
    { name: "null inside an array keeps the other indexes", record: { a: [null, "y"] }, want: "a[1]=y" },
    {
      name: "reserved characters escaped, brackets kept structural",
      record: { "x y": "a&b=c d", "k[1]": "é" },
      want: "x%20y=a%26b%3Dc%20d&k%5B1%5D=%C3%A9",
    },
    { name: "record order kept", record: { z: 1, a: 2, m: 3 }, want: "z=1&a=2&m=3" },
    { name: "an empty record is an empty body", record: {}, want: "" },
    { name: "a non-object record is an empty body", record: [1, 2], want: "" },
  ])("$name", ({ record, want }) => {
    expect(encodeForm(record)).toBe(want);
  });

  it("round-trips through a standard form decoder for flat records", () => {
    const record = { name: "Ada Lovelace", note: "50% off & more", n: -1.5 };
    expect(Object.fromEntries(new URLSearchParams(encodeForm(record)))).toEqual({
      name: "Ada Lovelace",
      note: "50% off & more",
      n: "-1.5",
    });
  });
});
