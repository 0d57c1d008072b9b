import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/index.js";
import { validateArtifact } from "./validate.js";

const minimal = readFileSync(path.join(import.meta.dirname, "../../test/fixtures/minimal.yaml"), "utf8");

function problems(text: string): string[] {
  return validateArtifact(text, "a.yaml").diagnostics.map(formatDiagnostic);
}

describe("validateArtifact", () => {
  it("accepts the minimal artifact and fills defaults", () => {
    const result = validateArtifact(minimal, "a.yaml");
    expect(result.diagnostics).toEqual([]);
    const output = result.artifact?.connector.output;
    expect(output?.type === "http" ? output.method : undefined).toBe("POST");
    expect(result.artifact?.connector.settings.retries.maxAttempts).toBe(5);
    expect(result.artifact?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  const unsafe = [
    {
      name: "duplicate keys",
      given: minimal.replace("kind: Connector", "kind: Connector\nkind: Connector"),
      want: /a\.yaml:3:1 .*YAML_SYNTAX.*[Uu]nique/,
    },
    {
      name: "custom tags",
      given: minimal.replace("name: minimal", "name: !!js/function minimal"),
      want: /a\.yaml:4:9 .*YAML_SYNTAX.*[Uu]nresolved tag/,
    },
    {
      name: "alias bombs",
      given: `${minimal}x: &a [1,1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
      want: /YAML_SYNTAX.*[Ee]xcessive alias count/,
    },
    {
      name: "__proto__ keys",
      given: `${minimal}  headers:\n    __proto__: {polluted: "yes"}\n`,
      want: /a\.yaml:15:5 output\.headers\.__proto__ CANNECTORS_E_SCHEMA .*not allowed/,
    },
    {
      name: "a newer apiVersion",
      given: minimal.replace("cannectors.dev/v1", "cannectors.dev/v2"),
      want: /a\.yaml:1:13 apiVersion CANNECTORS_E_API_VERSION apiVersion cannectors\.dev\/v2 is newer.*upgrade/,
    },
    {
      name: "an unknown apiVersion",
      given: minimal.replace("cannectors.dev/v1", "example.com/v1"),
      want: /CANNECTORS_E_API_VERSION unknown apiVersion "example\.com\/v1"/,
    },
    { name: "a root that is not a mapping", given: "- 1\n- 2\n", want: /a\.yaml:1:1 \(root\) CANNECTORS_E_SCHEMA/ },
  ];
  it.each(unsafe)("refuses $name", ({ given, want }) => {
    const found = problems(given);
    expect(found.join("\n")).toMatch(want);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("points at the exact key of a nested unknown field", () => {
    const text = minimal.replace("  path: /sink", "  path: /sink\n  batch:\n    size: 10\n    wrapp: clients");
    expect(problems(text)).toEqual([
      'a.yaml:16:5 output.batch.wrapp CANNECTORS_E_SCHEMA unknown key "wrapp"; did you mean "wrap"?',
    ]);
  });

  it.each([
    {
      name: "a malformed path placeholder",
      edit: ["  path: /sink", "  path: /sink/{a..b}"],
      want: "output.path CANNECTORS_E_SCHEMA placeholder {a..b}",
    },
    {
      name: "a placeholder in the output's query",
      edit: ["  path: /sink", "  path: /sink?q={term}"],
      want: "output.path CANNECTORS_E_SCHEMA path /sink?q={term}: placeholder number 1 must sit inside the path",
    },
    {
      name: "a placeholder whose segment a literal .. removes",
      edit: ["  path: /sink", "  path: /sink/{id}/.."],
      want: "output.path CANNECTORS_E_SCHEMA path /sink/{id}/..: placeholder number 1 must sit inside the path",
    },
    {
      name: "a body on a GET input",
      edit: ["  records: items", "  records: items\n  body: {q: 1}"],
      want: "input.body CANNECTORS_E_SCHEMA a GET request has no body",
    },
  ])("refuses $name", ({ edit, want }) => {
    expect(problems(minimal.replace(edit[0]!, edit[1]!)).join("\n")).toContain(want);
  });

  it("refuses record placeholders in a batched output path", () => {
    const text = minimal.replace("  path: /sink", "  path: /sink/{id}\n  batch:\n    size: 10");
    expect(problems(text).join("\n")).toContain("output.path CANNECTORS_E_SCHEMA record placeholders");
  });

  it("refuses a batched form-encoded output, at the encoding key", () => {
    const text = minimal.replace("  path: /sink", "  path: /sink\n  encoding: form\n  batch:\n    size: 10");
    expect(problems(text)).toEqual([
      "a.yaml:14:13 output.encoding CANNECTORS_E_SCHEMA a form-encoded body is one record: encoding form needs single-record mode; remove output.batch",
    ]);
    expect(problems(minimal.replace("  path: /sink", "  path: /sink\n  encoding: form"))).toEqual([]);
  });
});
