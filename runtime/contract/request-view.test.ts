import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "./spec.js";
import { schemaCheckOf } from "./target-contract.js";

// Issue 15 sweep: Apideck lists its readOnly `id` in `required`; every request body was refused.
const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-request-view-")), "spec.json");
writeFileSync(
  file,
  JSON.stringify({
    openapi: "3.0.3",
    info: { title: "readOnly", version: "1" },
    paths: {},
    components: {
      schemas: {
        Id: { type: "string", readOnly: true },
        Contact: {
          type: "object",
          required: ["id", "name", "created_at"],
          properties: {
            id: { $ref: "#/components/schemas/Id" },
            name: { type: "string" },
            created_at: { type: "string", format: "date-time", readOnly: true },
          },
        },
        Note: { type: "object", properties: { text: { type: "string" } } },
        // OpenAPI 3.0 nullable beside no type (GSM Tasks, Xero): ajv would not compile it at all.
        Ticket: {
          type: "object",
          properties: { note: { nullable: true, allOf: [{ $ref: "#/components/schemas/Note" }] } },
        },
        Invoice: {
          type: "object",
          required: ["number", "lines"],
          properties: {
            number: { type: "string", readOnly: true },
            lines: { type: "array", items: { $ref: "#/components/schemas/Contact" } },
          },
        },
      },
    },
  }),
);
const spec = loadSpec(file);
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("a request body need not hold readOnly properties, however `required` lists them", () => {
  it.each([
    { name: "readOnly behind a $ref and inline", of: "Contact", body: { name: "Ada" }, request: 0, response: 2 },
    { name: "a writable required property still required", of: "Contact", body: {}, request: 1, response: 3 },
    { name: "nested in a list of a referenced schema", of: "Invoice", body: { lines: [{ name: "Ada" }] }, request: 0 },
    { name: "a readOnly value sent anyway is not refused", of: "Contact", body: { id: "c1", name: "Ada" }, request: 0 },
  ])("$name", ({ of, body, request, response }) => {
    const asRequest = schemaCheckOf(spec, schema(of), { request: true })(body);
    expect(asRequest).toHaveLength(request);
    if (response !== undefined) expect(schemaCheckOf(spec, schema(of))(body)).toHaveLength(response);
  });

  it.each([
    { body: { note: null }, problems: 0 },
    { body: { note: { text: "a" } }, problems: 0 },
    { body: { note: 3 }, problems: 1 },
  ])("nullable beside no type is that schema or null, as a request ($body) and as a response", ({ body, problems }) => {
    const count = problems;
    expect(schemaCheckOf(spec, schema("Ticket"), { request: true })(body).length > 0).toBe(count > 0);
    expect(schemaCheckOf(spec, schema("Ticket"))(body).length > 0).toBe(count > 0);
  });

  it("says which writable property is missing", () => {
    expect(schemaCheckOf(spec, schema("Contact"), { request: true })({})).toEqual([
      "(body) must have required property 'name'",
    ]);
  });
});
