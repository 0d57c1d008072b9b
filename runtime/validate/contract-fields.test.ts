import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/index.js";
import { validateArtifact } from "./validate.js";

const SPEC = path.join(import.meta.dirname, "../../examples/demo-apis/crm/openapi.yaml");

function artifact(filters: string): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: fields }
input:
  type: http
  baseUrl: http://127.0.0.1:1
  path: /customers
  records: data
  contract: { spec: ${JSON.stringify(SPEC)} }
filters:
${filters}
output: { type: http, baseUrl: http://127.0.0.1:2, path: /sink }
`;
}

const cases: { name: string; given: string; want: RegExp[] }[] = [
  {
    name: "fields the spec declares",
    given: '  - { type: condition, if: record.status == "active", then: keep }',
    want: [],
  },
  {
    name: "a misspelt field, caught before the run, with the field it was meant to be",
    given: '  - { type: condition, if: record.stauts == "active", then: keep }',
    want: [
      /^a\.yaml:11:\d+ filters\[0\]\.if CANNECTORS_E_EXPRESSION record has no field stauts in the source contract \(GET \/customers\); did you mean "status"\?$/,
    ],
  },
  {
    name: "text inside a string literal is not a field",
    given: '  - { type: condition, if: record.status != "record.stauts", then: keep }',
    want: [],
  },
  {
    name: "a computed field may be read by a later step; after a map the record is the map's",
    given:
      '  - { type: compute, fields: [{ target: tier, expr: "1" }] }\n  - { type: condition, if: record.tier == 1, then: keep }\n  - { type: map, fields: [{ target: nope, from: id }] }\n  - { type: condition, if: record.nope == 1, then: keep }',
    want: [],
  },
  {
    name: "the map reads source records too: its expressions and `from` paths are checked",
    given:
      '  - type: map\n    fields:\n      - { target: a, expr: "upper(record.frist_name)" }\n      - { target: b, from: adress.city }\n      - { target: c, from: address.city }',
    want: [
      /filters\[0\]\.fields\[0\]\.expr CANNECTORS_E_EXPRESSION record has no field frist_name .*did you mean "first_name"\?$/,
      /filters\[0\]\.fields\[1\]\.from CANNECTORS_E_EXPRESSION record has no field adress .*did you mean "address"\?$/,
    ],
  },
];

describe("CEL field names checked against the source contract", () => {
  for (const { name, given, want } of cases) {
    it(name, () => {
      const got = validateArtifact(artifact(given), "a.yaml").diagnostics.map(formatDiagnostic);
      expect(got, got.join("\n")).toHaveLength(want.length);
      want.forEach((pattern, i) => {
        expect(got[i]).toMatch(pattern);
      });
    });
  }
});

describe("validate --source-spec: the same check when the artifact names no contract", () => {
  const withoutContract = (filters: string) => artifact(filters).replace(/ {2}contract: .*\n/, "");
  const typo = '  - { type: condition, if: record.stauts == "active", then: keep }';

  it("without a spec nothing can be checked; with one, the typo is found", () => {
    expect(validateArtifact(withoutContract(typo), "a.yaml").diagnostics).toEqual([]);
    const got = validateArtifact(withoutContract(typo), "a.yaml", { sourceSpec: SPEC }).diagnostics.map(
      formatDiagnostic,
    );
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/record has no field stauts .*did you mean "status"\?$/);
  });
});
