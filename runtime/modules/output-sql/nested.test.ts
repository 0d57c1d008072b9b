/** A SQL output held by routes, fanout or fallback is checked at its own path, as at the top. */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../diagnostics/index.js";
import { validateArtifact } from "../../validate/validate.js";

const artifact = (connection: string, bulk: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: nested-sql }
input: { type: http, baseUrl: http://127.0.0.1:1, path: /items }
output:
  type: routes
  routes:
    - when: record.ok
      output: { type: sql, connection: "${connection}", table: clients, bulk: ${bulk} }
  default: drop
`;

const problems = (text: string) => validateArtifact(text, "a.yaml").diagnostics.map(formatDiagnostic);

describe("a SQL output nested in routes", () => {
  it("is accepted when valid", () => {
    expect(problems(artifact("postgres://db.example.com/erp", "copy"))).toEqual([]);
  });

  it("refuses COPY off PostgreSQL at the nested output's bulk, with its line", () => {
    expect(problems(artifact("sqlite:/tmp/erp.db", "copy"))).toEqual([
      expect.stringMatching(
        /^a\.yaml:9:\d+ output\.routes\[0\]\.output\.bulk CANNECTORS_E_SCHEMA bulk copy is PostgreSQL's/,
      ),
    ]);
  });

  it("refuses a URL naming no dialect at the nested output's connection", () => {
    expect(problems(artifact("ftp://db.example.com/erp", "statements")).join("\n")).toContain(
      "output.routes[0].output.connection CANNECTORS_E_SCHEMA",
    );
  });
});
