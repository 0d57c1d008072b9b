import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../openapi/index.js";
import { sourceEndpoints, targetEndpoints } from "./endpoint-lists.js";

const user = {
  type: "object",
  properties: {
    gid: { type: "string", readOnly: true },
    created_at: { type: "string", format: "date-time", readOnly: true },
    name: { type: "string" },
    password: { type: "string", writeOnly: true },
  },
};
const json = (schema: object) => ({ "application/json": { schema } });

describe("endpoint fields", () => {
  it("a source never offers writeOnly fields, a target never asks for readOnly ones", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-endpoints-")), "users.json");
    const ok = (schema: object) => ({ "200": { description: "ok", content: json(schema) } });
    writeFileSync(
      file,
      JSON.stringify({
        openapi: "3.0.3",
        info: { title: "Users", version: "1" },
        paths: {
          "/users": {
            get: {
              operationId: "list",
              responses: ok({ type: "array", items: { $ref: "#/components/schemas/User" } }),
            },
            post: {
              operationId: "create",
              requestBody: { content: json({ $ref: "#/components/schemas/User" }) },
              responses: ok({ $ref: "#/components/schemas/User" }),
            },
          },
        },
        components: { schemas: { User: user } },
      }),
    );
    const spec = await loadSpec(file);
    expect(sourceEndpoints(spec)[0]?.fields.map((f) => f.path)).toEqual(["gid", "created_at", "name"]);
    expect(targetEndpoints(spec)[0]?.fields.map((f) => f.path)).toEqual(["name", "password"]);
  });
});
