import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HttpOutput } from "../../runtime/artifact/index.js";
import { loadSpec } from "../../runtime/contract/spec.js";
import { encodeForm } from "../../runtime/modules/output-http/form-encoding.js";
import { startTargetMock, type TargetMock } from "./target-mock.js";

// Issue 15 class 2: targets that take application/x-www-form-urlencoded bodies (GitLab v3, Stripe).
const dir = mkdtempSync(path.join(tmpdir(), "cannectors-form-mock-"));
const openapi3 = specFile("openapi3.json", {
  openapi: "3.0.3",
  info: { title: "form 3", version: "1" },
  paths: {
    "/charges": {
      post: {
        requestBody: {
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                required: ["amount"],
                properties: {
                  amount: { type: "integer" },
                  paid: { type: "boolean" },
                  metadata: { type: "object", additionalProperties: { type: "string" } },
                  items: { type: "array", items: { type: "object", properties: { qty: { type: "integer" } } } },
                },
              },
            },
          },
        },
        responses: { "200": { description: "ok" }, "400": { description: "bad" } },
      },
    },
  },
});
// Swagger 2.0 `in: formData` parameters, one on the path item (GitLab v3's shape).
const swagger2 = specFile("swagger2.json", {
  swagger: "2.0",
  info: { title: "form 2", version: "1" },
  consumes: ["application/x-www-form-urlencoded"],
  paths: {
    "/projects/{id}/issues": {
      parameters: [{ name: "id", in: "path", required: true, type: "string" }],
      post: {
        parameters: [
          { name: "title", in: "formData", required: true, type: "string" },
          { name: "assignee_id", in: "formData", type: "integer", format: "int32" },
          { name: "labels", in: "formData", type: "array", items: { type: "string" } },
          { name: "due_date", in: "formData", type: "string", format: "date" },
        ],
        responses: { "201": { description: "created" } },
      },
    },
  },
});

function specFile(name: string, document: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(document));
  return file;
}

let mock: TargetMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const cases: {
  name: string;
  spec: string;
  path: string;
  record: Record<string, unknown>;
  status: number;
  kept?: unknown;
  problems?: string[];
}[] = [
  {
    name: "OpenAPI 3 form content: nested fields and lists decoded, text coerced to the schema's types",
    spec: openapi3,
    path: "/charges",
    record: { amount: 1250, paid: true, metadata: { plan: "pro" }, items: [{ qty: 2 }, { qty: 1 }] },
    status: 200,
    kept: { amount: 1250, paid: true, metadata: { plan: "pro" }, items: [{ qty: 2 }, { qty: 1 }] },
  },
  {
    name: "OpenAPI 3 form content: a value the schema's type cannot read is a violation",
    spec: openapi3,
    path: "/charges",
    record: { amount: "12.50" },
    status: 400,
    problems: ["/amount must be integer"],
  },
  {
    name: "Swagger 2.0 formData: a one-item list and an integer read from text",
    spec: swagger2,
    path: "/projects/{id}/issues",
    record: { title: "Broken build", assignee_id: 7, labels: ["bug"], due_date: "2026-12-24" },
    status: 201,
    kept: { title: "Broken build", assignee_id: 7, labels: ["bug"], due_date: "2026-12-24" },
  },
  {
    name: "Swagger 2.0 formData: a required field missing and a format refused",
    spec: swagger2,
    path: "/projects/{id}/issues",
    record: { due_date: "24/12/2026" },
    status: 422,
    problems: ["(body) must have required property 'title'", '/due_date must match format "date"'],
  },
];

describe("the target mock with form-encoded bodies", () => {
  it.each(cases)("$name", async ({ spec, path: route, record, status, kept, problems }) => {
    const output = HttpOutput.parse({ type: "http", baseUrl: "http://127.0.0.1:1", path: route, encoding: "form" });
    mock = await startTargetMock(loadSpec(spec), output, {});
    const response = await fetch(`${mock.url}${route.replace("{id}", "42")}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: encodeForm(record),
    });
    expect(response.status).toBe(status);
    expect(mock.arrivals.map((a) => a.record)).toEqual(kept === undefined ? [] : [kept]);
    expect(mock.violations.flatMap((v) => v.problems)).toEqual(problems ?? []);
  });
});
