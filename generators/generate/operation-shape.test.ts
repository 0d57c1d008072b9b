import { describe, expect, it } from "vitest";
import { readablePaths, resourceSegment, sourceShape, targetShape } from "./operation-shape.js";
import { sketchSpec } from "./ranking-test-support.js";

const spec = sketchSpec("target", [
  { op: "GET /v1/customers", fields: ["id"] },
  { op: "GET /v1/customers/{customer}", fields: ["id"] },
  ...[
    "POST /v1/customers",
    "POST /clients/batch",
    "PUT /v1/customers",
    "POST /v1/customers/{customer}/sources",
    "POST /v1/account_links",
    "POST /v1/customers/{customer}",
    "POST /v1/account",
    "POST /v1/customers/{customer}/sources/{id}/verify",
    "POST /v1/invoices/{invoice}/mark_uncollectible",
  ].map((op) => ({ op, fields: ["name"] })),
]);

describe("operation shapes", () => {
  it.each([
    ["POST /v1/customers", 1],
    ["PUT /v1/customers", 0.8],
    ["POST /clients/batch", 0.7],
    ["POST /v1/account_links", 0.7],
    ["POST /v1/customers/{customer}/sources", 0.42],
    ["POST /v1/customers/{customer}", 0.5],
    ["POST /v1/account", 0.45],
    ["POST /v1/customers/{customer}/sources/{id}/verify", 0.3],
    ["POST /v1/invoices/{invoice}/mark_uncollectible", 0.3],
  ])("target %s: %s", (op, factor) => {
    const operation = spec.operations.find((o) => `${o.method.toUpperCase()} ${o.path}` === op)!;
    expect(targetShape(operation, readablePaths(spec)).factor).toBeCloseTo(factor, 5);
  });

  it.each([
    ["GET /users", 1],
    ["GET /user/followers", 0.95],
    ["GET /orgs/{org}/members", 0.9 * 0.95],
    ["GET /search/users", 0.85 * 0.85 * 0.95],
  ])("source %s: %s", (op, factor) => {
    const operation = sketchSpec("source", [{ op, fields: ["id"], ...(op.includes("search") ? { query: ["q"] } : {}) }])
      .operations[0]!;
    expect(sourceShape(operation).factor).toBeCloseTo(factor, 5);
  });

  it.each([
    ["/v1/customers/{customer}/cancel", "customers"],
    ["/clients/batch", "clients"],
    ["/user/createWithArray", "user"],
    ["/pet/findByStatus", "pet"],
    ["/orgs/{org}/outside_collaborators", "outside_collaborators"],
  ])("the resource of %s is %s", (path, resource) => {
    expect(resourceSegment(path)).toBe(resource);
  });

  // Visma writes `/v2/customerinvoice` and reads `/v1/customerinvoice/{id}`: one collection across versions.
  it.each([
    ["POST /controller/api/v2/customerinvoice", "GET /controller/api/v1/customerinvoice/{invoiceNumber}", 1],
    ["POST /v2/Contacts", "GET /v1/Contacts", 1],
    ["POST /v2/widget", "GET /v1/gadget/{id}", 0.45],
  ])("target %s read as %s: %s", (op, read, factor) => {
    const versions = sketchSpec("target", [
      { op: read, fields: ["id"] },
      { op, fields: ["name"] },
    ]);
    const operation = versions.operations.find((o) => `${o.method.toUpperCase()} ${o.path}` === op)!;
    expect(targetShape(operation, readablePaths(versions)).factor).toBeCloseTo(factor, 5);
  });
});
