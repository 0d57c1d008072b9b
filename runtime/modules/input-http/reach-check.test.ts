import { describe, expect, it } from "vitest";
import { validateArtifact } from "../../validate/index.js";

const yaml = (input: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: reach }
input:
  type: http
  baseUrl: http://127.0.0.1:1
${input}
output: { type: http, baseUrl: http://127.0.0.1:2, path: /sink }
`;

const problems = (input: string) =>
  validateArtifact(yaml(input), "c.yaml").diagnostics.map(
    (d) => `${d.location?.line}:${d.location?.column} ${d.path} ${d.message}`,
  );

describe("checks of body values and response formats", () => {
  it("accepts a POST search paging in the body and a CSV response", () => {
    expect(
      problems(`  method: POST
  pagination: { type: cursor, cursorPath: next, cursorParam: paging.cursor, in: body }
  incremental: { cursorField: seq, param: filter.seq_gt, in: body, as: number }`),
    ).toEqual([]);
    expect(problems("  response: { format: csv, csv: { delimiter: ';' } }")).toEqual([]);
  });

  it("names each misplaced option at its line", () => {
    expect(
      problems(`  pagination: { type: offset, limit: 10, offsetParam: "a..b", in: body }
  incremental: { cursorField: seq, param: since, as: number }
  records: data
  response: { format: csv, xml: { lists: [A] } }`),
    ).toEqual([
      '7:55 input.pagination.offsetParam "a..b" is not a body path such as paging.cursor',
      "7:67 input.pagination.in values in the body need method: POST",
      "8:54 input.incremental.as as applies to a cursor in the body (in: body); a query parameter is text",
      "9:12 input.records a CSV page's records are its rows: remove records",
      "10:33 input.response.xml xml options with format: csv",
    ]);
  });
});
