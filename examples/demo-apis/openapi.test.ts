import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  ADDRESS_FIELDS,
  CLIENT_FIELDS,
  CLIENT_REQUIRED_FIELDS,
  CLIENT_SEGMENTS,
  CRM_DEFAULT_LIMIT,
  CRM_MAX_LIMIT,
  CUSTOMER_FIELDS,
  CUSTOMER_STATUSES,
  erpStats,
  createErpState,
  generateCustomer,
  MAX_BATCH_SIZE,
  TOKEN_TTL_SECONDS,
} from "./index.js";

type Json = Record<string, unknown>;

function load(name: "crm" | "erp"): Json {
  return parse(readFileSync(new URL(`./${name}/openapi.yaml`, import.meta.url), "utf8")) as Json;
}

/** Follows a slash-separated path (JSON-pointer style) through the parsed document. */
function at(doc: unknown, path: string): unknown {
  return path
    .split("/")
    .filter((part) => part !== "" && part !== "#")
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key.replace(/~1/g, "/")], doc);
}

function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) refs(item, found);
  } else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

const sorted = (values: readonly string[]) => [...values].sort();

describe("crm/openapi.yaml", () => {
  const doc = load("crm");
  const customer = at(doc, "components/schemas/Customer") as Json;
  const params = at(doc, "paths/~1customers/get/parameters") as { name: string; schema: Json }[];

  it("is OpenAPI 3.1 with an X-API-Key scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(at(doc, "components/securitySchemes/apiKey")).toEqual({ type: "apiKey", in: "header", name: "X-API-Key" });
  });

  it("matches the server's constants and records", () => {
    expect(at(doc, "components/schemas/CustomerStatus/enum")).toEqual([...CUSTOMER_STATUSES]);
    expect(customer.required).toEqual([...CUSTOMER_FIELDS]);
    expect(sorted(Object.keys(customer.properties as Json))).toEqual(sorted(Object.keys(generateCustomer(1))));
    expect(at(doc, "components/schemas/Address/required")).toEqual([...ADDRESS_FIELDS]);
    expect(at(doc, "components/schemas/Customer/properties/phone/type")).toEqual(["string", "null"]);
    const limit = params.find((p) => p.name === "limit")?.schema;
    expect(limit).toMatchObject({ maximum: CRM_MAX_LIMIT, default: CRM_DEFAULT_LIMIT });
    expect(sorted(params.map((p) => p.name))).toEqual(["cursor", "limit", "status", "updated_after"]);
  });

  it("has patterns that real records satisfy", () => {
    const record = generateCustomer(7);
    const pattern = (field: string) => new RegExp(at(customer, `properties/${field}/pattern`) as string);
    expect(record.id).toMatch(pattern("id"));
    expect(record.balance).toMatch(pattern("balance"));
  });

  it("has no dangling $ref", () => {
    for (const ref of refs(doc)) expect(at(doc, ref), ref).toBeDefined();
  });
});

describe("erp/openapi.yaml", () => {
  const doc = load("erp");
  const client = at(doc, "components/schemas/Client") as Json;

  it("is OpenAPI 3.0.3 with an oauth2 client credentials flow", () => {
    expect(doc.openapi).toBe("3.0.3");
    expect(at(doc, "components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl")).toBe(
      "http://127.0.0.1:4020/oauth/token",
    );
    expect(Object.keys(doc.paths as Json)).toEqual(["/oauth/token", "/clients", "/clients/batch", "/_stats"]);
  });

  it("matches the server's validation constants", () => {
    expect(client.required).toEqual([...CLIENT_REQUIRED_FIELDS]);
    expect(Object.keys(client.properties as Json)).toEqual([...CLIENT_FIELDS]);
    expect(at(client, "properties/segment/enum")).toEqual([...CLIENT_SEGMENTS]);
    const batch = at(
      doc,
      "paths/~1clients~1batch/post/requestBody/content/application~1json/schema/properties/clients",
    ) as Json;
    expect(batch.maxItems).toBe(MAX_BATCH_SIZE);
    expect(at(doc, "components/schemas/Token/properties/expires_in/example")).toBe(TOKEN_TTL_SECONDS);
    expect(at(doc, "components/schemas/Stats/required")).toEqual(Object.keys(erpStats(createErpState())));
  });

  it("has no dangling $ref", () => {
    for (const ref of refs(doc)) expect(at(doc, ref), ref).toBeDefined();
  });
});
