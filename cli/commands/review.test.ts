import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/cli.js";

const generated = [
  'export default connector({ name: "x" })',
  "  .map((r) => ({",
  "    // review 0.72: first+last → full name [cannectors:review full_name 0.72]",
  "    full_name: `${r.first_name} ${r.last_name}`,",
  "    // review 0.95: same name [cannectors:review email 0.95]",
  "    email: r.email,",
  "  }));",
  "",
].join("\n");

describe("cannectors review", () => {
  it("--accept-above rewrites the file and --json lists what is still pending", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-review-")), "c.ts");
    writeFileSync(file, generated);
    const result = await runCli(["review", file, "--accept-above", "0.9", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).map((p: { target: string }) => p.target)).toEqual(["full_name"]);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("[cannectors:review email");
    expect(text).toContain("[cannectors:review full_name 0.72]");
  });

  it("without flags and without a terminal, changes nothing and says what is pending", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-review-")), "c.ts");
    writeFileSync(file, generated);
    const result = await runCli(["review", file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("2 decision(s) pending: full_name, email");
    expect(readFileSync(file, "utf8")).toBe(generated);
  });
});
