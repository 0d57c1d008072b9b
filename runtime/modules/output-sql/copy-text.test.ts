import { describe, expect, it } from "vitest";
import type { BoundValue } from "../../sql/values.js";
import { copyChunks } from "./copy-text.js";

const text = (rows: BoundValue[][]) => Buffer.concat(copyChunks(rows)).toString("utf8");

describe("copyChunks (COPY text format as UTF-8 chunks)", () => {
  it("writes NULL, booleans, numbers, escapes and text beyond ASCII as COPY reads them", () => {
    expect(text([["a\tb\nc\rd\\e", null, true, false, 12.5, -3, "é\t€ 😀", "\\N", ""]])).toBe(
      "a\\tb\\nc\\rd\\\\e\t\\N\tt\tf\t12.5\t-3\té\\t€ 😀\t\\\\N\t\n",
    );
  });

  it("splits at rows' fields only, about 256 KB a chunk, and a field larger than a chunk stays whole", () => {
    const big = `${"é".repeat(200_000)}\\`;
    const rows: BoundValue[][] = Array.from({ length: 6000 }, (_, i) => [i, `name ${i}\t${"x".repeat(100)}`]);
    rows.splice(1500, 0, [-1, big]);
    const chunks = copyChunks(rows);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.at(-1) === 0x0a || chunk.at(-1) === 0x09).toBe(true);
    const lines = Buffer.concat(chunks).toString("utf8").split("\n");
    expect(lines.length).toBe(6002);
    expect(lines[1500]).toBe(`-1\t${"é".repeat(200_000)}\\\\`);
    expect(lines[2999]).toBe(`2998\tname 2998\\t${"x".repeat(100)}`);
  });
});
