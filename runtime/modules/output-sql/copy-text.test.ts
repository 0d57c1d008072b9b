import { describe, expect, it } from "vitest";
import { ExactNumber } from "../../json/index.js";
import type { BoundValue } from "../../sql/values.js";
import { type CopyRow, copyChunks } from "./copy-text.js";

/** Rows given as arrays of values, as COPY reads them (column i is field "i"). */
const copyRows = (rows: unknown[][]): CopyRow[] =>
  rows.map((values) => ({ columns: values.map((_, i) => String(i)), fields: { ...values } }));
const text = (rows: unknown[][]) => Buffer.concat(copyChunks(copyRows(rows))).toString("utf8");

describe("copyChunks (COPY text format as UTF-8 chunks)", () => {
  it("writes NULL, booleans, numbers, escapes and text beyond ASCII as COPY reads them", () => {
    expect(text([["a\tb\nc\rd\\e", null, true, false, 12.5, -3, "é\t€ 😀", "\\N", ""]])).toBe(
      "a\\tb\\nc\\rd\\\\e\t\\N\tt\tf\t12.5\t-3\té\\t€ 😀\t\\\\N\t\n",
    );
  });

  it("binds what is not text as a statement would: absent is NULL, exact numbers as digits, JSON for the rest", () => {
    const exact = new ExactNumber("0.10000000000000000001");
    expect(text([[undefined, 9_007_199_254_740_993n, exact, { a: ["x\ty"] }, [1, 2]]])).toBe(
      '\\N\t9007199254740993\t0.10000000000000000001\t{"a":["x\\\\ty"]}\t[1,2]\n',
    );
  });

  it("splits at rows' fields only, about 256 KB a chunk, and a field larger than a chunk stays whole", () => {
    const big = `${"é".repeat(200_000)}\\`;
    const rows: BoundValue[][] = Array.from({ length: 6000 }, (_, i) => [i, `name ${i}\t${"x".repeat(100)}`]);
    rows.splice(1500, 0, [-1, big]);
    const chunks = copyChunks(copyRows(rows));
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.at(-1) === 0x0a || chunk.at(-1) === 0x09).toBe(true);
    const lines = Buffer.concat(chunks).toString("utf8").split("\n");
    expect(lines.length).toBe(6002);
    expect(lines[1500]).toBe(`-1\t${"é".repeat(200_000)}\\\\`);
    expect(lines[2999]).toBe(`2998\tname 2998\\t${"x".repeat(100)}`);
  });
});
