import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findOperation, requestSchema, responseSchema } from "./operation.js";
import { loadSpec } from "./spec.js";

const list = { type: "array", items: { type: "object", properties: { id: { type: "integer" } } } };

/** One operation whose response and request body are declared under `mediaTypes`. */
function specWith(mediaTypes: string[]) {
  const content = Object.fromEntries(mediaTypes.map((type) => [type, { schema: list }]));
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-operation-"));
  const file = path.join(dir, "spec.json");
  writeFileSync(
    file,
    JSON.stringify({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/x": {
          post: { requestBody: { content }, responses: { "200": { description: "ok", content } } },
        },
      },
    }),
  );
  const spec = loadSpec(file);
  return { spec, operation: findOperation(spec, "POST /x") };
}

describe("the JSON schema of a response and a request body", () => {
  it.each([
    { mediaTypes: ["application/json"], found: true },
    { mediaTypes: ["application/vnd.api+json"], found: true },
    // SalesLoft (issue 15): every operation declares `*/*`; the sweep's source mock found no list there.
    { mediaTypes: ["*/*"], found: true },
    { mediaTypes: ["application/*"], found: true },
    { mediaTypes: ["text/csv"], found: false },
    { mediaTypes: ["application/xml"], found: false },
  ])("$mediaTypes → found: $found", ({ mediaTypes, found }) => {
    const { spec, operation } = specWith(mediaTypes);
    expect(responseSchema(spec, operation)?.type === "array").toBe(found);
    expect(requestSchema(spec, operation)?.type === "array").toBe(found);
  });
});
