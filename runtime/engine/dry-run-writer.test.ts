import { describe, expect, it } from "vitest";
import { createDryRunWriter } from "./dry-run-writer.js";
import { plainRedactor } from "../modules/output-http/test-support.js";

describe("createDryRunWriter", () => {
  it("writes one line per request with fixed key order, sorted and redacted headers, the body exact", () => {
    const lines: string[] = [];
    const writer = createDryRunWriter((line) => lines.push(line), plainRedactor(["hunter22"]));
    writer.write({
      body: { id: 1, pw: "hunter22" },
      headers: { "x-b": "2", "content-type": "application/json", "x-a": "hunter22" },
      url: "http://api.test/c/hunter22?k=***",
      method: "POST",
    });
    expect(lines).toEqual([
      // The URL comes masked by its template (here: the record put hunter22 in the path, exact).
      '{"method":"POST","url":"http://api.test/c/hunter22?k=***","headers":{"content-type":"application/json","x-a":"***","x-b":"2"},"body":{"id":1,"pw":"hunter22"}}',
    ]);
  });
});
