import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { typeCheck } from "./type-check.js";

function fileIn(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-typecheck-"));
  const file = path.join(dir, "connector.ts");
  writeFileSync(file, text);
  return { dir, file };
}

describe("typeCheck (outside any project: strict defaults)", () => {
  it.each([
    { given: 'export const n: number = "one";\n', want: ["connector.ts:1:14 TS2322"] },
    {
      given: "const list: string[] = [];\nexport const first: string = list[0];\n",
      want: ["connector.ts:2:14 TS2322"],
    },
    { given: 'import { secret } from "cannectors";\nexport const token = secret("TOKEN");\n', want: [] },
    { given: 'import { nope } from "cannectors";\nexport const x = nope;\n', want: ["connector.ts:1:10 TS2305"] },
  ])("$want for $given", ({ given, want }) => {
    const { dir, file } = fileIn(given);
    const found = typeCheck([file], dir).map(
      (d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.code}`,
    );
    expect(found).toEqual(want);
  });
});
