import { describe, expect, it } from "vitest";
import { exportLocation, locationInStack } from "./export-location.js";

const text = [
  'import { connector } from "cannectors";',
  "const hidden = 1;",
  "export const named = connector({ name: 'a' });",
  "const later = 2;",
  "export { later as renamed };",
  "export default connector({ name: 'b' });",
].join("\n");

describe("exportLocation", () => {
  it.each([
    { given: "default", want: { line: 6, column: 1 } },
    { given: "named", want: { line: 3, column: 14 } },
    { given: "renamed", want: { line: 5, column: 10 } },
    { given: "hidden", want: { line: 1, column: 1 } },
  ])("$given → $want", ({ given, want }) => {
    expect(exportLocation(text, "/x/c.ts", "c.ts", given)).toEqual({ file: "c.ts", ...want });
  });
});

describe("locationInStack", () => {
  it.each([
    { given: "Error: boom\n    at file:///x/c.ts:12:7\n    at other", want: { line: 12, column: 7 } },
    { given: "Error: boom\n    at /x/c.ts:3:1", want: { line: 3, column: 1 } },
    { given: "Error: boom\n    at /y/d.ts:3:1", want: { line: 1, column: 1 } },
  ])("$given", ({ given, want }) => {
    expect(locationInStack(given, "/x/c.ts", "c.ts")).toEqual({ file: "c.ts", ...want });
  });
});
