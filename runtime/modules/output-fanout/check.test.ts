import { describe, expect, it } from "vitest";
import { validateArtifact } from "../../validate/index.js";

const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: checks }
input: { type: http, baseUrl: http://127.0.0.1:4010, path: /orders, records: items }
output:
  type: routes
  routes:
    - when: record.status ==
      output:
        type: fanout
        outputs:
          - filters: [{ type: condition, if: "record.a +" }]
            output: { type: http, baseUrl: http://127.0.0.1:4020, path: "/x/{a b}" }
          - output: { type: http, baseUrl: http://127.0.0.1:4030, path: /y, deadLetter: { path: y.ndjson } }
  default: drop
`;

describe("validation of outputs nested in routes, fanout and fallback", () => {
  it("reports each nested problem at its own path and line, before any run", () => {
    const { diagnostics, artifact } = validateArtifact(yaml, "checks.yaml");
    expect(artifact).toBeUndefined();
    expect(diagnostics.map((d) => [d.path, d.location?.line])).toEqual([
      ["output.routes[0].when", 8],
      ["output.routes[0].output.outputs[0].filters[0].if", 12],
      ["output.routes[0].output.outputs[0].output.path", 13],
      ["output.routes[0].output.outputs[1].output.deadLetter", 14],
    ]);
  });
});
