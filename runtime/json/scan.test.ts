import { describe, expect, it } from "vitest";
import { scanJson } from "./scan.js";

describe("scanJson", () => {
  it.each([
    ["{}", 1, 0],
    ['{"a":[1,{"b":[]}]}', 4, 2],
    ['{"a":"[[[[{{{{:::"}', 1, 1],
    ['{"a":"\\"[[[[:"}', 1, 1],
    ['["\\\\", [[]]]', 3, 0],
    ["42", 0, 0],
  ])("%s: depth %i, %i members, strings skipped", (text, depth, members) => {
    expect(scanJson(text)).toMatchObject({ depth, members });
  });

  it.each([
    ["[9007199254740993]", true],
    ["[123456789.1234567]", true],
    ["[1e400]", true],
    ["[1.5e10, 123456789012345]", false],
    ['["1234567890123456789"]', false],
    ["[true, false, 1e5]", false],
  ])("%s: a long number is %s", (text, longNumber) => {
    expect(scanJson(text).longNumber).toBe(longNumber);
  });
});
