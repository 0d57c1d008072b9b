import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApi3Document } from "./openapi3-document.js";

function specFile(spec: object): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-oa3-")), "spec.json");
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

const swagger2 = {
  swagger: "2.0",
  info: { title: "Zoo", version: "1" },
  host: "zoo.example",
  paths: {
    "/animals": {
      get: {
        responses: {
          "200": {
            description: "ok",
            headers: { "X-Total": { type: "integer", description: "count" } },
            schema: { type: "array", items: { $ref: "#/definitions/Animal" } },
          },
        },
      },
    },
    "/animals/{id}/photo": {
      post: {
        consumes: ["multipart/form-data"],
        parameters: [
          { name: "id", in: "path", required: true, type: "string" },
          { name: "photo", in: "formData", type: "file" },
        ],
        responses: { "204": { description: "stored" } },
      },
    },
  },
  definitions: {
    Animal: {
      type: "object",
      discriminator: "kind",
      properties: {
        kind: { type: "string" },
        headers: { type: "object" },
        nick: { type: "string", "x-nullable": true },
      },
    },
    Cat: { allOf: [{ $ref: "#/definitions/Animal" }, { $ref: "other.yaml#/definitions/Whiskers" }] },
  },
};

describe("openApi3Document", () => {
  it("passes an OpenAPI 3.x document through as parsed", async () => {
    const spec = { openapi: "3.0.3", info: { title: "x", version: "1" }, paths: {} };
    expect(await openApi3Document(specFile(spec))).toEqual({ document: spec });
  });

  it("returns undefined for a root that is not an object", async () => {
    expect(await openApi3Document(specFile([1, 2]))).toBeUndefined();
  });

  const converted = (...keys: string[]) =>
    openApi3Document(specFile(swagger2)).then((r) =>
      keys.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], r?.document),
    );

  it.each([
    {
      name: "marks the conversion",
      pick: async () => (await openApi3Document(specFile(swagger2)))?.convertedFrom,
      want: "2.0",
    },
    { name: "drops the root definitions", pick: () => converted("definitions"), want: undefined },
    {
      name: "moves local definition refs to components",
      pick: () =>
        converted("paths", "/animals", "get", "responses", "200", "content", "application/json", "schema", "items"),
      want: { $ref: "#/components/schemas/Animal" },
    },
    {
      name: "leaves refs into other files alone",
      pick: () => converted("components", "schemas", "Cat", "allOf"),
      want: [{ $ref: "#/components/schemas/Animal" }, { $ref: "other.yaml#/definitions/Whiskers" }],
    },
    {
      name: "turns a string discriminator into an object",
      pick: () => converted("components", "schemas", "Animal", "discriminator"),
      want: { propertyName: "kind" },
    },
    {
      name: "reads x-nullable as nullable",
      pick: () => converted("components", "schemas", "Animal", "properties", "nick"),
      want: { type: "string", "x-nullable": true, nullable: true },
    },
    {
      name: "keeps a schema property named headers a schema",
      pick: () => converted("components", "schemas", "Animal", "properties", "headers"),
      want: { type: "object" },
    },
    {
      name: "puts a response header's type under schema",
      pick: () => converted("paths", "/animals", "get", "responses", "200", "headers"),
      want: { "X-Total": { description: "count", schema: { type: "integer" } } },
    },
    {
      name: "sends files as binary strings",
      pick: async () =>
        converted(
          "paths",
          "/animals/{id}/photo",
          "post",
          "requestBody",
          "content",
          "multipart/form-data",
          "schema",
          "properties",
          "photo",
        ),
      want: { type: "string", format: "binary" },
    },
  ])("$name", async ({ pick, want }) => {
    expect(await pick()).toEqual(want);
  });
});
