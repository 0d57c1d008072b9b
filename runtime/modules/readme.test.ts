import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { filterKinds, inputKinds, outputKinds } from "./catalogue.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ARTIFACT_DOC = readFileSync(join(HERE, "../../docs/artifact.md"), "utf8");

const modules = [
  ...inputKinds.map((kind) => ({ id: `input-${kind.type}`, schema: kind.schema })),
  ...filterKinds.map((kind) => ({ id: `filter-${kind.type}`, schema: kind.schema })),
  ...outputKinds.map((kind) => ({ id: `output-${kind.type}`, schema: kind.schema })),
];

const readmeOf = (id: string) => join(HERE, id, "README.md");

/** The schema's own top-level fields, when it is an object schema. */
function fieldsOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

describe("every module in the catalogue has its README", () => {
  it.each(modules)(
    "$id: what it does, its YAML fields, a valid example, its DSL builder, its failures",
    ({ id, schema }) => {
      expect(existsSync(readmeOf(id)), `${id}/README.md`).toBe(true);
      const text = readFileSync(readmeOf(id), "utf8");
      for (const heading of ["## YAML", "## DSL", "## Failures"]) expect(text).toContain(heading);
      for (const field of fieldsOf(schema)) expect(text, `${id}/README.md names ${field}`).toContain(`\`${field}\``);
      const example = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
      expect(example, `${id}/README.md has a yaml example`).toBeDefined();
      const result = schema.safeParse(parse(example as string));
      expect(result.error?.issues ?? []).toEqual([]);
    },
  );

  it.each(modules)("docs/artifact.md links to $id's README", ({ id }) => {
    expect(ARTIFACT_DOC).toContain(`../runtime/modules/${id}/README.md`);
  });
});
