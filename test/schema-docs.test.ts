import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { connectorJsonSchema } from "../runtime/artifact/index.js";
import { ROOT, runCli } from "./support/cli.js";

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
};

/** Every property name anywhere in the schema, with the dotted trail that reaches it. */
function propertyNames(schema: JsonSchema, trail = "", out = new Map<string, string>()): Map<string, string> {
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (!out.has(name)) out.set(name, trail ? `${trail}.${name}` : name);
    propertyNames(child, trail ? `${trail}.${name}` : name, out);
  }
  for (const child of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...Object.values(schema.definitions ?? {})]) {
    propertyNames(child, trail, out);
  }
  if (schema.items) propertyNames(schema.items, trail, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
    propertyNames(schema.additionalProperties, trail, out);
  }
  return out;
}

describe("the published JSON Schema", () => {
  it("is committed at schema/cannectors.v1.json and current (run `npm run schema:write` when this fails)", () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, "schema/cannectors.v1.json"), "utf8"));
    expect(committed).toEqual(connectorJsonSchema());
  });

  it("is what `cannectors schema` prints", async () => {
    const result = await runCli(["schema"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(connectorJsonSchema());
  });

  it("is draft-07 and closes every object to unknown keys", () => {
    const schema = connectorJsonSchema();
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect((schema as { additionalProperties?: unknown }).additionalProperties).toBe(false);
  });
});

describe("docs/artifact.md", () => {
  const doc = readFileSync(path.join(ROOT, "docs/artifact.md"), "utf8");
  it("documents every field of the schema", () => {
    const missing = [...propertyNames(connectorJsonSchema() as JsonSchema)]
      .filter(([name]) => !doc.includes(`\`${name}\``))
      .map(([, trail]) => trail);
    expect(missing).toEqual([]);
  });

  it("has a complete example per module kind that validates", async () => {
    const { validateArtifact } = await import("../runtime/validate/index.js");
    const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((y) => y.includes("apiVersion:"));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      const result = validateArtifact(example, "docs/artifact.md");
      expect(result.diagnostics, example).toEqual([]);
    }
  });
});
