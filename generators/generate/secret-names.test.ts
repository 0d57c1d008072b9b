import { describe, expect, it } from "vitest";
import { configName, secretPrefix } from "./secret-names.js";

describe("secretPrefix names the vendor, not the spec tooling", () => {
  it.each([
    { title: "Swagger API2Cart", servers: ["https://api.api2cart.com/v1.1"], want: "API2CART" },
    { title: "Swagger API2Cart", servers: [], want: "API2CART" },
    { title: "Accounting API", servers: ["https://api.xero.com/api.xro/2.0"], want: "XERO" },
    { title: "Fulfillment API", servers: ["https://api.ebay.com{basePath}"], want: "EBAY" },
    { title: "Autotask REST API", servers: ["https://webservices2.autotask.net/atservicesrest"], want: "AUTOTASK" },
    { title: "GitHub's official OpenAPI spec", servers: ["https://api.github.com"], want: "GITHUB" },
    { title: "Zendesk", servers: ["https://{subdomain}.zendesk.com/api/v2"], want: "ZENDESK" },
    { title: "Demo CRM API", servers: ["http://127.0.0.1:4010"], want: "CRM" },
    { title: "Swagger Petstore", servers: ["https://petstore.example.com/v2"], want: "PETSTORE" },
    { title: "GitHub v3 REST API", servers: ["http://localhost:3000"], want: "GITHUB" },
    { title: "Swagger API", servers: ["/v1"], want: "API" },
  ])("$title at $servers → $want", ({ title, servers, want }) => {
    expect(secretPrefix({ title, servers })).toBe(want);
  });
});

describe("configName", () => {
  it.each([
    { prefix: "XERO", name: "xero-tenant-id", want: "XERO_TENANT_ID" },
    { prefix: "GITHUB", name: "owner", want: "GITHUB_OWNER" },
    { prefix: "APIDECK", name: "x-apideck-consumer-id", want: "APIDECK_X_APIDECK_CONSUMER_ID" },
    { prefix: "CODAT", name: "companyId", want: "CODAT_COMPANY_ID" },
  ])("$prefix + $name → $want", ({ prefix, name, want }) => {
    expect(configName(prefix, name)).toBe(want);
  });
});
