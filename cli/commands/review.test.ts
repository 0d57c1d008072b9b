import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, runCli } from "../../test/support/cli.js";
import { hasScript, startTerminal } from "./pty-test-support.js";

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

describe.skipIf(!hasScript)("cannectors review on a terminal", () => {
  it("walks the decisions with the arrow keys and Enter: accept one, reject one, type a path", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-review-pty-")), "c.ts");
    writeFileSync(
      file,
      [
        'export default connector({ name: "x" })',
        "  .map((r) => ({",
        "    // review 0.72: first+last → full name [cannectors:review full_name 0.72]",
        "    full_name: `${r.first_name} ${r.last_name}`,",
        "    // review 0.60: same name [cannectors:review email 0.60]",
        "    email: r.mail,",
        "    // no confident source [cannectors:todo city]",
        '    city: todo("city"),',
        "  }));",
        "",
      ].join("\n"),
    );
    const terminal = startTerminal(
      `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} review ${JSON.stringify(file)}`,
      ROOT,
    );
    try {
      await terminal.waitFor("(1/3) full_name");
      terminal.type("\r"); // accept: the first choice
      await terminal.waitFor("(2/3) email");
      terminal.type("\x1b[B\r"); // down to reject
      await terminal.waitFor("(3/3) city");
      terminal.type("\r"); // no candidate: the first choice is to type a path
      await terminal.waitFor("source path for city");
      terminal.type("address.city\r");
      expect(await terminal.exit).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(terminal.output()).toContain("3 decision(s) written");
    expect(readFileSync(file, "utf8")).toBe(
      [
        'export default connector({ name: "x" })',
        "  .map((r) => ({",
        "    full_name: `${r.first_name} ${r.last_name}`,",
        "    // rejected: r.mail [cannectors:todo email]",
        '    email: todo("email"),',
        "    city: r.address.city,",
        "  }));",
        "",
      ].join("\n"),
    );
  }, 30_000);
});
