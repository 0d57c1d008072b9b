import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandFiles } from "./expand-files.js";

function tree(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-expand-"));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), "");
  }
  return dir;
}

const files = [
  "connectors/a.ts",
  "connectors/sub/b.ts",
  "connectors/a.test.ts",
  "connectors/types.d.ts",
  "connectors/notes.md",
  "other/c.ts",
];

describe("expandFiles", () => {
  it.each([
    { given: [], want: ["connectors/a.ts", "connectors/sub/b.ts"] },
    { given: ["connectors/*.ts"], want: ["connectors/a.ts"] },
    { given: ["**/*.ts"], want: ["connectors/a.ts", "connectors/sub/b.ts", "other/c.ts"] },
    { given: ["other/c.ts", "other/c.ts"], want: ["other/c.ts"] },
    { given: ["missing.ts"], want: ["missing.ts"] },
    { given: ["nowhere/**/*.ts"], want: [] },
  ])("$given → $want", ({ given, want }) => {
    const dir = tree(files);
    expect(expandFiles(given, dir).map((f) => path.relative(dir, f).split(path.sep).join("/"))).toEqual(want);
  });
});
