import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { flattenSchema } from "./flatten.js";
import { loadSpec } from "./load-spec.js";
import type { LoadedSpec } from "./model.js";
import { emptySchema, type Schema } from "./schema.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const responseOf = (spec: LoadedSpec, method: string, path: string): Schema => {
  const schema = spec.operations.find((o) => o.method === method && o.path === path)?.responses[0]?.schema;
  if (!schema) throw new Error(`no response schema for ${method} ${path}`);
  return schema;
};
const brief = (records: FieldRecord[]) =>
  records.map((r) => `${r.path}:${r.type}${r.required ? "!" : ""}${r.nullable ? "?" : ""}`);

describe("flattenSchema", () => {
  it("flattens objects, arrays of objects and of scalars, allOf and oneOf into dotted paths", async () => {
    const spec = await loadSpec(fixture("shop-3.0.yaml"));
    const records = flattenSchema(responseOf(spec, "post", "/orders"));
    expect(brief(records)).toEqual([
      "id:string!",
      "customer_id:string!",
      "note:string?",
      "lines[].sku:string!",
      "lines[].quantity:integer",
      "lines[].price.amount:integer!",
      "lines[].price.currency:string",
      "tags[]:array<string>",
      "payment.iban:string",
      "payment.card_last4:string",
      "status:string!",
      "total.amount:integer!",
      "total.currency:string",
      "created_at:string",
    ]);
    expect(records.find((r) => r.path === "status")).toEqual({
      path: "status",
      type: "string",
      enum: ["open", "paid", "cancelled"],
      description: "Order status",
      required: true,
    });
    expect(records.find((r) => r.path === "customer_id")?.format).toBe("uuid");
  });

  it.each([
    { name: "depth 1", maxDepth: 1, want: ["lines[]:array<object>!", "total:object"] },
    { name: "depth 2", maxDepth: 2, want: ["lines[].price:object", "total.amount:integer!"] },
    { name: "depth 3", maxDepth: 3, want: ["lines[].price.amount:integer!", "total.amount:integer!"] },
  ])("cuts deeper objects into one object field at $name", async ({ maxDepth, want }) => {
    const spec = await loadSpec(fixture("shop-3.0.yaml"));
    const records = brief(flattenSchema(responseOf(spec, "post", "/orders"), { maxDepth }));
    for (const line of want) expect(records).toContain(line);
    expect(records.every((r) => (r.split(":")[0] ?? "").split(".").length <= maxDepth)).toBe(true);
  });

  it("follows a value wrapper past the depth limit to its scalar (Visma: soBillingAddress.value.city.value)", () => {
    const of = (over: Partial<Schema>): Schema => ({ ...emptySchema(), ...over });
    const text = of({ types: ["string"] });
    // Visma's wrappers declare properties and no type.
    const wrap = (inner: Schema) => of({ properties: { value: inner } });
    const address = of({
      types: ["object"],
      properties: {
        city: wrap(text),
        other: of({ types: ["object"], properties: { a: text, b: text } }),
        list: wrap(of({ types: ["array"], items: of({ types: ["object"], properties: { a: text } }) })),
      },
    });
    const root = of({ types: ["object"], properties: { soBillingAddress: wrap(address), note: wrap(text) } });
    expect(brief(flattenSchema(root, { maxDepth: 3 }))).toEqual([
      "soBillingAddress.value.city.value:string",
      "soBillingAddress.value.other:object",
      "soBillingAddress.value.list:object",
      "note.value:string",
    ]);
  });

  it("drops readOnly fields in write mode", async () => {
    const spec = await loadSpec(fixture("shop-3.0.yaml"));
    const body = spec.operations.find((o) => o.method === "post")?.requestBody?.schema ?? emptySchema();
    expect(flattenSchema(body).map((r) => r.path)).toContain("id");
    expect(flattenSchema(body, { mode: "write" }).map((r) => r.path)).not.toContain("id");
  });

  it("cuts cycles as object leaves", async () => {
    const spec = await loadSpec(fixture("circular.yaml"));
    const list = responseOf(spec, "get", "/nodes");
    expect(brief(flattenSchema(list.properties?.nodes ?? emptySchema()))).toEqual([
      "id:string!",
      "parent:object",
      "children[]:array<object>",
      "owner.name:string",
      "owner.manager:object",
      "owner.nodes[]:array<object>",
    ]);
  });

  it("reads 3.1 nullable forms and ref descriptions", async () => {
    const spec = await loadSpec(fixture("catalog-3.1.json"));
    const records = flattenSchema(responseOf(spec, "get", "/products").properties?.data ?? emptySchema());
    expect(records).toEqual([
      { path: "id", type: "string", required: true },
      { path: "name", type: "string", required: true },
      { path: "price", type: "number", format: "double", required: false, nullable: true },
      { path: "kind", type: "any", enum: ["physical", "digital"], required: false, nullable: true },
      { path: "category.code", type: "string", required: false },
      { path: "category.label", type: "string", required: false, nullable: true },
      { path: "dimensions.width", type: "number", required: false },
      { path: "dimensions.height", type: "number", required: false },
      { path: "version", type: "any", enum: [2], required: false },
    ]);
  });

  it("cuts long descriptions at 300 characters with an ellipsis, whitespace collapsed", () => {
    const schema: Schema = {
      ...emptySchema(),
      types: ["object"],
      properties: { a: { ...emptySchema(), types: ["string"], description: `x\n  ${"y".repeat(400)}` } },
    };
    const description = flattenSchema(schema)[0]?.description ?? "";
    expect([description.length, description.startsWith("x y"), description.endsWith("…")]).toEqual([300, true, true]);
  });
});
