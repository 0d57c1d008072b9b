import { describe, expect, it } from "vitest";
import type { Connector } from "../../runtime/artifact/index.js";
import { parseExamples } from "./examples.js";

type Output = Connector["output"];
const batched = { filters: [], output: { batch: { size: 2, wrap: "clients" } } as Output };
const single = { filters: [], output: {} as Output };

describe("parseExamples", () => {
  it.each([
    [
      "a batched dry-run request: each record sent is an example",
      `{"method":"POST","url":"http://x/b","headers":{"x-api-key":"***"},"body":{"clients":[{"id":1},{"id":2}]}}`,
      batched,
      [
        { before: null, after: { id: 1 } },
        { before: null, after: { id: 2 } },
      ],
    ],
    ["a single-record request", `{"method":"POST","body":{"id":3}}\n\n`, single, [{ before: null, after: { id: 3 } }]],
    ["before/after lines", `{"before":{"a":1},"after":{"b":1}}`, single, [{ before: { a: 1 }, after: { b: 1 } }]],
    [
      "at most three",
      Array.from({ length: 5 }, (_, i) => `{"body":{"n":${i}}}`).join("\n"),
      single,
      [0, 1, 2].map((n) => ({ before: null, after: { n } })),
    ],
  ])("%s", (_what, text, output, expected) => {
    expect(parseExamples(text, "dry.ndjson", output)).toEqual(expected);
  });

  it("names the line that is not JSON", () => {
    expect(() => parseExamples('{"body":{}}\nnot json', "dry.ndjson", single)).toThrow(
      "dry.ndjson:2:1 not a JSON line",
    );
  });

  it("runs source records through the connector's own filters: before is the record, after what would be sent", () => {
    const connector = {
      output: {} as Output,
      filters: [
        { type: "condition", if: 'record.status != "inactive"' },
        {
          type: "map",
          fields: [
            { target: "client_id", from: "id" },
            { target: "full_name", expr: 'concat(record.first, " ", record.last)' },
          ],
        },
      ] as Connector["filters"],
    };
    const text = [
      `{"id":"c1","first":"Ada","last":"Lovelace","status":"active"}`,
      `{"id":"c2","first":"Alan","last":"Turing","status":"inactive"}`,
    ].join("\n");
    expect(parseExamples(text, "records.ndjson", connector)).toEqual([
      {
        before: { id: "c1", first: "Ada", last: "Lovelace", status: "active" },
        after: { client_id: "c1", full_name: "Ada Lovelace" },
      },
      { before: { id: "c2", first: "Alan", last: "Turing", status: "inactive" }, after: null },
    ]);
  });

  it("never copies request headers", () => {
    const [example] = parseExamples(`{"headers":{"authorization":"***"},"body":{"id":1}}`, "f", single);
    expect(JSON.stringify(example)).not.toContain("authorization");
  });
});
