import { describe, expect, it } from "vitest";
import { asciiOnly } from "./write-script.js";

describe("the program script in ASCII", () => {
  it("escapes what regular expressions, strings and comments hold, to the same values", () => {
    const source = 'const a = /(ns|µs)/.test("µs"); const b = "’x😀"; // ← kept as a comment\nresult = [a, b];';
    const escaped = asciiOnly(source);
    expect(escaped).not.toMatch(/[\u0080-\uffff]/);
    const run = (text: string) => new Function(`let result; ${text}; return result;`)() as unknown;
    expect(run(escaped)).toEqual(run(source));
    expect(run(escaped)).toEqual([true, "’x😀"]);
  });

  it("refuses a non-ASCII character in a template line, whose raw text a tag could read", () => {
    expect(() => asciiOnly("const t = String.raw`µ`;")).toThrow(/template/);
    expect(asciiOnly("// `a ← b`")).toBe("// `a \\u2190 b`");
  });
});
