import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { typeCheck } from "../../compiler/build/type-check.js";
import { generateTypes } from "./generate-types.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
type Json = Record<string, unknown>;

const ok = { description: "ok" };
const json = (schema: unknown) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const employee = {
  type: "object",
  required: ["id", "name"],
  properties: { id: { type: "string", readOnly: true }, name: { type: "string" } },
};

/** A 3.0 spec: POST /x takes `body`, GET /x answers `response`. */
function spec(body: unknown, response: unknown, schemas: Json, requestBodies?: Json): Json {
  return {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    paths: {
      "/x": {
        get: { operationId: "list", responses: { "200": { ...ok, content: json(response) } } },
        post: { operationId: "create", requestBody: body, responses: { "201": ok } },
      },
    },
    components: { schemas, ...(requestBodies ? { requestBodies } : {}) },
  };
}

/**
 * Each case: a request body written without its readOnly properties must type-check, and the
 * response must still have them required (`reads` is an expression of `r`, the response, that is a string).
 */
const cases: { name: string; spec: Json; body: string; reads: string }[] = [
  {
    name: "a component with a required readOnly id, as the body",
    spec: spec({ content: json(ref("Employee")) }, ref("Employee"), { Employee: employee }),
    body: '{ name: "a" }',
    reads: "r.id",
  },
  {
    name: "an inline body schema",
    spec: spec({ content: json(employee) }, ref("Employee"), { Employee: employee }),
    body: '{ name: "a" }',
    reads: "r.id",
  },
  {
    name: "a component reached through an array of another component",
    spec: spec({ content: json(ref("Order")) }, ref("Order"), {
      Order: { type: "object", properties: { lines: { type: "array", items: ref("Line") } } },
      Line: employee,
    }),
    body: '{ lines: [{ name: "a" }] }',
    reads: "r.lines![0]!.id",
  },
  {
    name: "a property whose $ref is a readOnly component",
    spec: spec({ content: json(ref("Item")) }, ref("Item"), {
      Id: { type: "string", readOnly: true },
      Item: { type: "object", required: ["id", "name"], properties: { id: ref("Id"), name: { type: "string" } } },
    }),
    body: '{ name: "a" }',
    reads: "r.id",
  },
  {
    name: "a body in components.requestBodies",
    spec: spec(
      { $ref: "#/components/requestBodies/NewEmployee" },
      ref("Employee"),
      { Employee: employee },
      { NewEmployee: { content: json(ref("Employee")) } },
    ),
    body: '{ name: "a" }',
    reads: "r.id",
  },
  {
    name: "a Swagger 2.0 body parameter",
    spec: {
      swagger: "2.0",
      info: { title: "t", version: "1" },
      host: "x.test",
      paths: {
        "/x": {
          get: {
            operationId: "list",
            produces: ["application/json"],
            responses: { "200": { ...ok, schema: { $ref: "#/definitions/Employee" } } },
          },
          post: {
            operationId: "create",
            consumes: ["application/json"],
            parameters: [{ in: "body", name: "body", required: true, schema: { $ref: "#/definitions/Employee" } }],
            responses: { "201": ok },
          },
        },
      },
      definitions: { Employee: employee },
    },
    body: '{ name: "a" }',
    reads: "r.id",
  },
];

const dir = mkdtempSync(path.join(ROOT, "examples/.request-views-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("request body types leave readOnly properties optional (issue 15: Apideck's required readOnly id)", () => {
  it("every case type-checks: body without them, response with them required", { timeout: 120_000 }, async () => {
    const files: string[] = [];
    for (const [i, c] of cases.entries()) {
      const folder = path.join(dir, `case${i}`);
      mkdirSync(folder);
      writeFileSync(path.join(folder, "spec.json"), JSON.stringify(c.spec));
      writeFileSync(
        path.join(folder, "types.ts"),
        await generateTypes(path.join(folder, "spec.json"), path.join(folder, "types.ts")),
      );
      const use = path.join(folder, "use.ts");
      writeFileSync(
        use,
        [
          'import type { paths } from "./types.js";',
          'type Body = NonNullable<paths["/x"]["post"]["requestBody"]>["content"]["application/json"];',
          'type Response = paths["/x"]["get"]["responses"]["200"]["content"]["application/json"];',
          `export const body: Body = ${c.body};`,
          `export const read = (r: Response): string => ${c.reads};`,
          "",
        ].join("\n"),
      );
      files.push(use);
    }
    const problems = typeCheck(files, ROOT);
    const byCase = cases.map((c, i) => ({
      name: c.name,
      problems: problems
        .filter((p) => p.location?.file?.includes(`case${i}${path.sep}`) || p.location?.file?.includes(`case${i}/`))
        .map((p) => `${p.code} ${p.message.split("\n")[0]}`),
    }));
    expect(byCase).toEqual(cases.map((c) => ({ name: c.name, problems: [] })));
    // Nothing else (a problem outside the case files would hide above).
    expect(problems.map((p) => p.message)).toEqual([]);
  });
});
