import { describe, expect, expectTypeOf, it } from "vitest";
import { api } from "./api.js";
import { children } from "./children.js";
import type { InputEndpoint } from "./endpoint.js";
import { page } from "../runtime/modules/input-http/dsl.js";

interface Order {
  id: number;
  number: string;
  customer: { id: string };
}
interface Item {
  sku: string;
  created: string;
}
interface ShopPaths {
  "/orders": { get: { responses: { 200: { content: { "application/json": { data: Order[] } } } } } };
  "/orders/{order_id}/items": {
    get: {
      parameters: { path: { order_id: number } };
      responses: { 200: { content: { "application/json": { data: Item[] } } } };
    };
  };
}

const shop = api<ShopPaths>({ baseUrl: "https://shop.example.com" });
const orders = shop.get("/orders", { records: "data" });

describe("children(...)", () => {
  it("types the child path parameters from the spec and fills them from parent fields of that type", () => {
    const items = children(orders, shop, "/orders/{order_id}/items", {
      records: "data",
      params: { order_id: "id" },
      carry: { order_id: "id", customer: "customer.id" },
    });
    expectTypeOf(items).toEqualTypeOf<InputEndpoint<Item & { order_id: number; customer: string }>>();
    // @ts-expect-error ✖ order_id is a number in the spec: the parent's `number` field is a string
    children(orders, shop, "/orders/{order_id}/items", { records: "data", params: { order_id: "number" } });
    // @ts-expect-error ✖ every path parameter the spec declares must be filled
    children(orders, shop, "/orders/{order_id}/items", { records: "data", params: {} });
    children(orders, shop, "/orders/{order_id}/items", {
      records: "data",
      params: { order_id: "id" },
      // @ts-expect-error ✖ a carried field must be a parent field
      carry: { x: "nope" },
    });
  });

  it("builds plain data: the parent's input node with its children", () => {
    const items = children(orders, shop, "/orders/{order_id}/items", {
      records: "data",
      params: { order_id: "id" },
      queryParams: { customer: "customer.id" },
      pagination: page({ size: 50, sizeParam: "size" }),
      concurrency: 8,
      incremental: { cursorField: "created", param: "since" },
    });
    expect(items.input).toMatchObject({
      path: "/orders",
      children: {
        kind: "children",
        path: "/orders/{order_id}/items",
        params: { order_id: "id", customer: "customer.id" },
        records: "data",
        concurrency: 8,
        incremental: { cursorField: "created", param: "since" },
      },
    });
    expect(Object.isFrozen(items.input)).toBe(true);
  });

  it("refuses a child on another api", () => {
    const other = api<ShopPaths>({ baseUrl: "https://other.example.com" });
    expect(() =>
      children(orders, other, "/orders/{order_id}/items", { records: "data", params: { order_id: "id" } }),
    ).toThrow(/must be on the parent's api/);
  });
});
