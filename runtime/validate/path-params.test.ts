import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/index.js";
import { validateArtifact } from "./validate.js";

const minimal = readFileSync(path.join(import.meta.dirname, "../../test/fixtures/minimal.yaml"), "utf8");

function withInput(inputPath: string, pathParams = ""): string {
  return minimal.replace(
    "  path: /items",
    `  path: ${inputPath}${pathParams === "" ? "" : `\n  pathParams: ${pathParams}`}`,
  );
}

const cases: { name: string; given: string; want: RegExp[] }[] = [
  {
    name: "every placeholder filled by a constant or ${env:NAME}",
    given: withInput("/repos/{owner}/{repo}/issues", '{ owner: octo, repo: "${env:REPO}" }'),
    want: [],
  },
  {
    name: "a number fills a placeholder",
    given: withInput("/v{version}/items", "{ version: 2 }"),
    want: [],
  },
  {
    name: "an unfilled placeholder is refused at its column",
    given: withInput("/repos/{owner}/{repo}/issues", "{ owner: octo }"),
    want: [
      /^a\.yaml:8:24 input\.path CANNECTORS_E_SCHEMA path placeholder \{repo\} has no value: set input\.pathParams\.repo/,
    ],
  },
  {
    name: "a generated path with no pathParams at all: each placeholder refused",
    given: withInput("/repos/{owner}/{repo}/issues"),
    want: [/^a\.yaml:8:16 input\.path .*\{owner\} has no value/, /^a\.yaml:8:24 input\.path .*\{repo\} has no value/],
  },
  {
    name: "a value for no placeholder",
    given: withInput("/items", "{ owner: octo }"),
    want: [/input\.pathParams\.owner CANNECTORS_E_SCHEMA pathParams\.owner is not a placeholder of the path/],
  },
  {
    name: "a value that would remove a segment",
    given: withInput("/repos/{owner}/issues", '{ owner: ".." }'),
    want: [
      /input\.pathParams\.owner CANNECTORS_E_SCHEMA pathParams\.owner is "\.\.", which would remove a path segment/,
    ],
  },
  {
    name: "an empty value",
    given: withInput("/repos/{owner}/issues", '{ owner: "" }'),
    want: [/input\.pathParams\.owner CANNECTORS_E_SCHEMA/],
  },
  {
    name: "a placeholder in the query",
    given: withInput("/items?q={owner}", "{ owner: x }"),
    want: [/input\.path CANNECTORS_E_SCHEMA .*must sit inside the path/],
  },
];

describe("input path parameters", () => {
  for (const { name, given, want } of cases) {
    it(name, () => {
      const got = validateArtifact(given, "a.yaml").diagnostics.map(formatDiagnostic);
      expect(got, got.join("\n")).toHaveLength(want.length);
      want.forEach((pattern, i) => {
        expect(got[i]).toMatch(pattern);
      });
    });
  }
});
