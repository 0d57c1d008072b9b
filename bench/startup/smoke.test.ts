import { describe, expect, it } from "vitest";
import { measureStartup } from "./measure.js";
import { formatStartup } from "./report.js";

// One round through the real CLI and servers, so the start-up bench cannot silently rot. No figure
// is asserted: speed is the bench's to report, not a unit test's.
describe("start-up bench", () => {
  it("times node -e 0, --version and a 10-record run, each verified, and tables them with the targets", async () => {
    const result = await measureStartup(1, 7);
    expect(result.samples.map((sample) => [sample.kind, sample.wallMs.length])).toEqual([
      ["node", 1],
      ["version", 1],
      ["run", 1],
    ]);
    const table = formatStartup(result);
    expect(table).toMatch(/cannectors --version .* 80 /);
    expect(table).toMatch(/cannectors run \(10 records\) .* 200 /);
  });
});
