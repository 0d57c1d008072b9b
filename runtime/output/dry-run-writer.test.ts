import { describe, expect, it } from "vitest";
import { createDryRunWriter } from "./dry-run-writer.js";
import { plainRedactor } from "./test-support.js";

describe("createDryRunWriter", () => {
  it("writes one line per request with fixed key order, sorted headers and redacted text", () => {
    const lines: string[] = [];
    const writer = createDryRunWriter((line) => lines.push(line), plainRedactor(["hunter22"]));
    writer.write({
      body: { id: 1, pw: "hunter22" },
      headers: { "x-b": "2", "content-type": "application/json", "x-a": "hunter22" },
      url: "http://api.test/c?k=hunter22",
      method: "POST",
    });
    expect(lines).toEqual([
      '{"method":"POST","url":"http://api.test/c?k=***","headers":{"content-type":"application/json","x-a":"***","x-b":"2"},"body":{"id":1,"pw":"***"}}',
    ]);
  });
});
