import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/index.js";
import { validateArtifact } from "./validate.js";

const minimal = readFileSync(path.join(import.meta.dirname, "../../test/fixtures/minimal.yaml"), "utf8");

function problems(text: string): string[] {
  return validateArtifact(text, "a.yaml").diagnostics.map(formatDiagnostic);
}

const FILTERS = `filters:
  - type: compute
    fields:
      - { target: cents, expr: "toCent(record.amount)" }
`;

/** Each artifact, and every line `validate` must print for it: all problems at once, each with a hint. */
const cases: { name: string; given: string; want: RegExp[] }[] = [
  {
    name: "a misspelt key names the key it was meant to be",
    given: minimal.replace("  records: items", '  records: items\n  schedul: "*/5 * * * *"'),
    want: [/^a\.yaml:10:3 input\.schedul CANNECTORS_E_SCHEMA unknown key "schedul"; did you mean "schedule"\?$/],
  },
  {
    name: "a misspelt nested key",
    given: `${minimal}  batch: { size: 10, wrapp: clients }\n`,
    want: [/^a\.yaml:14:22 output\.batch\.wrapp CANNECTORS_E_SCHEMA unknown key "wrapp"; did you mean "wrap"\?$/],
  },
  {
    name: "an unknown key with nothing close gets no guess",
    given: `${minimal}  zzzzzz: 1\n`,
    want: [/output\.zzzzzz CANNECTORS_E_SCHEMA unknown key "zzzzzz"$/],
  },
  {
    name: "a misspelt function names the library's",
    given: `${minimal}${FILTERS}`,
    want: [
      /^a\.yaml:17:32 filters\[0\]\.fields\[0\]\.expr CANNECTORS_E_EXPRESSION unknown function toCent; did you mean "toCents"\?$/,
    ],
  },
  {
    name: "a misspelt variable names the declared one",
    given: `${minimal}${FILTERS.replace("toCent(record.amount)", "recrd.amount")}`,
    want: [/filters\[0\]\.fields\[0\]\.expr CANNECTORS_E_EXPRESSION Unknown variable: recrd; did you mean "record"\?$/],
  },
  {
    name: "a schema error does not hide the CRON and CEL errors",
    given: `${minimal.replace("  records: items", '  records: items\n  schedule: "61 * * * *"')}  batch: { size: 10, wrapp: clients }\n${FILTERS}`,
    want: [
      /^a\.yaml:10:13 input\.schedule CANNECTORS_E_CRON /,
      /^a\.yaml:15:22 output\.batch\.wrapp CANNECTORS_E_SCHEMA unknown key "wrapp"/,
      /^a\.yaml:19:32 filters\[0\]\.fields\[0\]\.expr CANNECTORS_E_EXPRESSION unknown function toCent/,
    ],
  },
  {
    name: "a schema error in the input does not hide its CRON error nor a filter's",
    given: `${minimal.replace("  records: items", '  records: items\n  schedule: "61 * * * *"\n  schedul: x')}${FILTERS}`,
    want: [
      /^a\.yaml:10:13 input\.schedule CANNECTORS_E_CRON /,
      /^a\.yaml:11:3 input\.schedul CANNECTORS_E_SCHEMA unknown key "schedul"/,
      /filters\[0\]\.fields\[0\]\.expr CANNECTORS_E_EXPRESSION unknown function toCent/,
    ],
  },
];

describe("validate reports every problem at once, with did-you-mean", () => {
  for (const { name, given, want } of cases) {
    it(name, () => {
      const got = problems(given);
      expect(got, got.join("\n")).toHaveLength(want.length);
      want.forEach((pattern, i) => {
        expect(got[i]).toMatch(pattern);
      });
    });
  }
});
