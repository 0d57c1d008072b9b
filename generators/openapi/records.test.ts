import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "./load-spec.js";
import type { Operation } from "./model.js";
import { recordsOf } from "./records.js";
import { emptySchema, type Schema } from "./schema.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const object = (properties: Record<string, Schema>): Schema => ({ ...emptySchema(), types: ["object"], properties });
const arrayOf = (items: Schema): Schema => ({ ...emptySchema(), types: ["array"], items });
const record = object({ id: { ...emptySchema(), types: ["string"] } });
const operation = (path: string, schema: Schema, contentType = "application/json", status = "200"): Operation => ({
  method: "get",
  path,
  parameters: [],
  responses: [
    { status: "400", contentType: "application/json", schema: arrayOf(record) },
    { status, contentType, schema },
  ],
  pointer: "#",
});

describe("recordsOf", () => {
  it.each([
    { name: "the body is the array", op: operation("/things", arrayOf(record)), want: "" },
    {
      name: "data wrapper",
      op: operation("/things", object({ data: arrayOf(record), meta: object({}) })),
      want: "data",
    },
    {
      name: "items beats an unknown array",
      op: operation("/things", object({ links: arrayOf(record), items: arrayOf(record) })),
      want: "items",
    },
    {
      name: "named after the resource",
      op: operation("/v2/customers", object({ errors: arrayOf(record), customers: arrayOf(record) })),
      want: "customers",
    },
    {
      name: "one wrapper deeper",
      op: operation("/things", object({ result: object({ items: arrayOf(record) }) })),
      want: "result.items",
    },
    { name: "2XX range", op: operation("/things", arrayOf(record), "application/json", "2XX"), want: "" },
    {
      name: "vendor JSON type",
      op: operation("/things", object({ data: arrayOf(record) }), "application/vnd.api+json"),
      want: "data",
    },
    {
      name: "a wildcard type holding a JSON schema (SalesLoft's */*)",
      op: operation("/v2/people", object({ data: arrayOf(record) }), "*/*"),
      want: "data",
    },
    {
      name: "application/* with a charset",
      op: operation("/things", arrayOf(record), "application/*; charset=utf-8"),
      want: "",
    },
  ])("$name → $want", ({ op, want }) => {
    const found = recordsOf(op);
    expect(found?.selector).toBe(want);
    expect(found?.schema).toBe(record);
  });

  it.each([
    { name: "a single object", op: operation("/things/{id}", record) },
    { name: "an array of strings", op: operation("/tags", arrayOf({ ...emptySchema(), types: ["string"] })) },
    {
      name: "only an error array",
      op: {
        ...operation("/x", record),
        responses: [{ status: "500", contentType: "application/json", schema: arrayOf(record) }],
      },
    },
    { name: "not JSON", op: operation("/things", arrayOf(record), "text/csv") },
    { name: "text of any kind", op: operation("/things", arrayOf(record), "text/*") },
  ])("$name → none", ({ op }) => {
    expect(recordsOf(op)).toBeUndefined();
  });

  it("finds the records of the fixtures' list operations", async () => {
    const want = [
      ["shop-3.0.yaml", "get /orders", "items", ["status", "total", "created_at"]],
      ["catalog-3.1.json", "get /products", "data", ["id", "price"]],
      ["petstore-2.0.yaml", "get /pets", "", ["id", "name"]],
      ["external/main.yaml", "get /customers", "", ["id", "address"]],
      ["circular.yaml", "get /nodes", "nodes", ["parent", "children"]],
    ] as const;
    for (const [file, key, selector, properties] of want) {
      const spec = await loadSpec(fixture(file));
      const op = spec.operations.find((o) => `${o.method} ${o.path}` === key);
      const found = op ? recordsOf(op) : undefined;
      expect([file, found?.selector]).toEqual([file, selector]);
      for (const name of properties) expect(found?.schema.properties).toHaveProperty(name);
    }
  });
});
