import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "./load-spec.js";
import type { LoadedSpec, Operation } from "./model.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const op = (spec: LoadedSpec, method: string, path: string): Operation => {
  const found = spec.operations.find((o) => o.method === method && o.path === path);
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
};

describe("loadSpec: versions", () => {
  it.each([
    { file: "shop-3.0.yaml", openapi: "3.0", title: "Shop", servers: ["https://eu.shop.example/v1"], operations: 2 },
    { file: "catalog-3.1.json", openapi: "3.1", title: "Catalog", servers: ["https://catalog.example"], operations: 1 },
    {
      file: "petstore-2.0.yaml",
      openapi: "2.0",
      title: "Petstore",
      servers: ["https://pets.example/v2", "http://pets.example/v2"],
      operations: 3,
    },
    { file: "external/main.yaml", openapi: "3.0", title: "External refs", servers: [], operations: 2 },
  ])("$file is OpenAPI $openapi", async ({ file, ...want }) => {
    const spec = await loadSpec(fixture(file));
    expect({
      openapi: spec.openapi,
      title: spec.title,
      servers: spec.servers,
      operations: spec.operations.length,
    }).toEqual(want);
  });
});

describe("loadSpec: OpenAPI 3.0", () => {
  it("merges path and operation parameters, follows parameter and response refs, picks JSON bodies", async () => {
    const spec = await loadSpec(fixture("shop-3.0.yaml"));
    const list = op(spec, "get", "/orders");
    expect(list.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["X-Tenant", "header", true],
      ["limit", "query", false],
      ["status", "query", false],
    ]);
    expect(list.parameters[1]?.description).toBe("Page size");
    expect(list.parameters[2]?.schema.enum).toEqual(["open", "paid", "cancelled"]);
    expect(list.responses.map((r) => [r.status, r.contentType])).toEqual([
      ["200", "application/json"],
      ["default", "application/json"],
    ]);
    expect(list.security).toEqual([["apiKeyQuery"]]);
    const create = op(spec, "post", "/orders");
    expect(create.requestBody?.contentType).toBe("application/json");
    expect(create.requestBody?.required).toBe(true);
    expect(create.security).toEqual([["bearer"]]);
    expect(create.pointer).toBe("#/paths/~1orders/post");
  });

  it("merges allOf and reads 3.0 nullable", async () => {
    const spec = await loadSpec(fixture("shop-3.0.yaml"));
    const order = op(spec, "post", "/orders").responses[0]?.schema;
    expect(Object.keys(order?.properties ?? {})).toEqual([
      "id",
      "customer_id",
      "note",
      "lines",
      "tags",
      "payment",
      "status",
      "total",
      "created_at",
    ]);
    expect(order?.required).toEqual(["customer_id", "lines", "id", "status"]);
    expect(order?.properties?.note?.nullable).toBe(true);
    expect(order?.properties?.payment?.alternatives?.options).toHaveLength(2);
  });

  it("reads security schemes", async () => {
    const spec = await loadSpec(fixture("shop-3.0.yaml"));
    expect(spec.securitySchemes).toEqual([
      { id: "apiKeyQuery", type: "apiKey", in: "query", name: "api_key" },
      { id: "bearer", type: "http", scheme: "bearer", bearerFormat: "JWT" },
    ]);
  });
});

describe("loadSpec: OpenAPI 3.1", () => {
  it("reads type arrays, null enums and anyOf-with-null as nullable; keeps ref siblings", async () => {
    const spec = await loadSpec(fixture("catalog-3.1.json"));
    const product = op(spec, "get", "/products").responses[0]?.schema?.properties?.data?.items;
    const props = product?.properties ?? {};
    expect([props.price?.types, props.price?.nullable, props.price?.format]).toEqual([["number"], true, "double"]);
    expect([props.kind?.enum, props.kind?.nullable]).toEqual([["physical", "digital"], true]);
    expect([props.dimensions?.nullable, Object.keys(props.dimensions?.properties ?? {})]).toEqual([
      true,
      ["width", "height"],
    ]);
    expect(props.category?.description).toBe("Where it is shelved");
    expect(props.category?.ref).toBe("#/components/schemas/Category");
    expect(props.id?.example).toBe("prd_1");
    expect(props.version?.enum).toEqual([2]);
  });

  it("reads oauth2 client credentials and authorization code flows with their scopes", async () => {
    const spec = await loadSpec(fixture("catalog-3.1.json"));
    expect(spec.securitySchemes).toEqual([
      {
        id: "oauth",
        type: "oauth2",
        clientCredentials: {
          tokenUrl: "https://auth.catalog.example/token",
          scopes: { "products:read": "Read products" },
        },
        authorizationCode: {
          authorizationUrl: "https://auth.catalog.example/authorize",
          tokenUrl: "https://auth.catalog.example/token",
          scopes: {},
        },
        otherFlows: [],
      },
      { id: "basic", type: "http", scheme: "basic" },
    ]);
  });
});

describe("loadSpec: Swagger 2.0", () => {
  it("converts securityDefinitions, oauth2 application flow included", async () => {
    const spec = await loadSpec(fixture("petstore-2.0.yaml"));
    expect(spec.securitySchemes).toEqual([
      { id: "basicAuth", type: "http", scheme: "basic" },
      { id: "key", type: "apiKey", in: "header", name: "X-Key" },
      {
        id: "machine",
        type: "oauth2",
        clientCredentials: { tokenUrl: "https://pets.example/oauth/token", scopes: { "pets:write": "Write pets" } },
        otherFlows: [],
      },
    ]);
  });

  it("turns body params into request bodies, formData into forms, and schemas into responses", async () => {
    const spec = await loadSpec(fixture("petstore-2.0.yaml"));
    const add = op(spec, "post", "/pets");
    expect(add.requestBody?.contentType).toBe("application/json");
    expect(add.requestBody?.required).toBe(true);
    expect(add.requestBody?.schema.required).toEqual(["name"]);
    expect(add.requestBody?.schema.properties?.tag?.nullable).toBe(true);
    expect(add.parameters).toEqual([]);
    expect(add.security).toEqual([["machine"], ["basicAuth"]]);
    const created = add.responses[0];
    expect([created?.status, created?.contentType, created?.schema?.required]).toEqual([
      "201",
      "application/json",
      ["name", "id"],
    ]);

    const upload = op(spec, "post", "/pets/{petId}/photo");
    expect(upload.parameters.map((p) => [p.name, p.in, p.required, p.schema.format])).toEqual([
      ["petId", "path", true, "int64"],
    ]);
    expect(upload.requestBody?.contentType).toBe("multipart/form-data");
    expect(upload.requestBody?.schema.required).toEqual(["file"]);
    expect(upload.requestBody?.schema.properties?.file?.format).toBe("binary");

    const list = op(spec, "get", "/pets");
    expect(list.parameters[0]?.schema.items?.types).toEqual(["string"]);
    expect(list.security).toEqual([["key"]]);
  });
});

describe("loadSpec: refs", () => {
  it("resolves external files relative to the referring file, nested refs included", async () => {
    const spec = await loadSpec(fixture("external/main.yaml"));
    const customer = op(spec, "get", "/customers/{id}").responses[0]?.schema;
    expect(customer?.ref).toBe("schemas/customer.yaml#/Customer");
    expect(customer?.properties?.address?.properties?.zip?.description).toBe("Postal code");
    // the same target through two spellings is one schema
    expect(op(spec, "get", "/customers").responses[0]?.schema?.items).toBe(customer);
    expect(op(spec, "get", "/customers/{id}").parameters.map((p) => p.name)).toEqual(["id"]);
    expect(customer?.properties?.referrer).toBe(customer);
  });

  it("keeps recursive schemas as cycles of shared objects, without endless expansion", async () => {
    const spec = await loadSpec(fixture("circular.yaml"));
    const node = op(spec, "get", "/nodes").responses[0]?.schema?.properties?.nodes?.items;
    expect(node?.properties?.parent).toBe(node);
    expect(node?.properties?.children?.items).toBe(node);
    expect(node?.properties?.owner?.properties?.nodes?.items).toBe(node);
  });

  it("survives a ref to itself and an allOf that includes itself", async () => {
    const spec = await loadSpec(fixture("circular.yaml"));
    const body = op(spec, "get", "/degenerate").responses[0]?.schema?.properties;
    expect([body?.loop?.types, body?.loop?.cycle]).toEqual([[], true]);
    expect([Object.keys(body?.merge?.properties ?? {}), body?.merge?.cycle]).toEqual([["a"], true]);
  });
});
