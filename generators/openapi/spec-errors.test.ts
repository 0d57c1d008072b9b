import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { loadSpec } from "./load-spec.js";
import type { SpecProblem } from "./problems.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const shown = (name: string) => `generators/openapi/fixtures/${name}`;

async function failure(source: string): Promise<CannectorsError> {
  const error = await loadSpec(source).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CannectorsError)) throw new Error(`expected a CannectorsError, got ${String(error)}`);
  return error;
}

describe("loadSpec: broken specs", () => {
  it.each([
    {
      file: "broken-syntax.yaml",
      // the YAML parser reports the same break in a few words: only the first one is checked
      exact: false,
      want: [`${shown("broken-syntax.yaml")}#: not valid YAML or JSON at line 6, column`],
    },
    {
      file: "broken-no-paths.json",
      want: [`${shown("broken-no-paths.json")}#/paths: missing: a spec must have paths`],
    },
    {
      file: "broken-refs.yaml",
      want: [
        `${shown("broken-refs.yaml")}#/paths/~1orders/get/responses/200/content/application~1json/schema/$ref: $ref "./does-not-exist.yaml#/Order" cannot be loaded`,
        `${shown("broken-refs.yaml")}#/paths/~1customers/get/parameters/0/$ref: $ref "#/components/parameters/Missing" points to nothing`,
        `${shown("broken-refs.yaml")}#/paths/~1customers/get/responses/200/content/application~1json/schema/$ref: $ref "#/components/schemas/Nope" points to nothing`,
      ],
    },
    {
      file: "broken-types.yaml",
      want: [
        `${shown("broken-types.yaml")}#/paths/~1customers/get/responses/200: a response must be an object, got the string "ok"`,
        `${shown("broken-types.yaml")}#/paths/~1orders: a path item must be an object, got an array`,
        `${shown("broken-types.yaml")}#/paths/~1items/post/parameters: parameters must be an array, got a object`,
        `${shown("broken-types.yaml")}#/paths/~1items/post/requestBody/content/application~1json/schema/properties: properties must be an object, got an array`,
      ],
    },
  ])("$file: every problem, each with file and JSON pointer", async ({ file, want, exact = true }) => {
    const error = await failure(fixture(file));
    expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(error.message).not.toMatch(/\n\s+at /); // no stack trace in the message
    const problems = (error.details.problems as SpecProblem[]).map((p) => `${p.file}${p.pointer}: ${p.message}`);
    if (exact) expect(problems).toHaveLength(want.length);
    want.forEach((line, i) => {
      expect(problems[i]).toContain(line);
      expect(error.message).toContain(line);
    });
  });

  it.each([
    { name: "not an object", text: "[1, 2]", want: "#: a spec must be an object, got an array" },
    {
      name: "no version",
      text: "info: { title: x }\npaths: {}",
      want: '#/openapi: neither "openapi: 3.x" nor "swagger: 2.0"',
    },
    {
      name: "paths a string",
      text: "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths: nope",
      want: '#/paths: paths must be an object, got the string "nope"',
    },
  ])("$name", async ({ text, want }) => {
    const dir = await mkdtemp(join(tmpdir(), "cannectors-spec-"));
    const file = join(dir, "spec.yaml");
    await writeFile(file, text);
    const error = await failure(file);
    expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(error.message).toContain(`${file}${want}`);
  });

  it("a missing file is SPEC_UNREADABLE naming the file", async () => {
    const error = await failure(fixture("nope.yaml"));
    expect(error.code).toBe(ErrorCodes.SPEC_UNREADABLE);
    expect(error.message).toBe(`cannot read spec ${shown("nope.yaml")}: ENOENT`);
  });
});
