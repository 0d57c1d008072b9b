/**
 * Issue 19, "Done when": the README example connector ships recorded fixtures, and its `plan` between
 * two versions (one mapping change) appears in the README as a pull request shows it. The command
 * and the comment are read from the README and the command is run on the committed files, so the
 * README cannot go stale.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./support/cli.js";

const README = readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n");
const EXAMPLE = path.join(ROOT, "examples/crm-to-erp");

/** The `cannectors plan … v2.yaml …` line of the README's code block, as arguments. */
function documentedPlan(): string[] {
  const line = README.find((l) => /^npx cannectors plan crm-to-erp\.yaml v2\.yaml /.test(l));
  if (!line) throw new Error("README.md shows no `npx cannectors plan crm-to-erp.yaml v2.yaml …` line");
  return line.replace(/^npx cannectors /, "").split(/\s+/);
}

/** The quoted comment that follows it: the `>` lines, unquoted. */
function documentedComment(): string {
  const start = README.findIndex((l) => l.startsWith("> ### Connector plan: `crm-to-erp.yaml` → `v2.yaml`"));
  if (start < 0) throw new Error("README.md quotes no plan comment for v2.yaml");
  const quoted: string[] = [];
  for (let i = start; README[i]?.startsWith(">"); i++) quoted.push(README[i]!.replace(/^> ?/, ""));
  return `${quoted.join("\n")}\n`;
}

describe("the README's plan of the example connector", () => {
  it("is what `cannectors plan` prints over the committed fixtures, word for word (exit 1: changed)", async () => {
    const args = documentedPlan();
    expect(args).toEqual(["plan", "crm-to-erp.yaml", "v2.yaml", "--fixtures", "fixtures", "--format", "markdown"]);
    const plan = await runCli(args, { cwd: EXAMPLE });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe(documentedComment());
  });

  it("the two versions differ by one mapping, and the fixtures are a recording of the example", () => {
    const v1 = readFileSync(path.join(EXAMPLE, "crm-to-erp.yaml"), "utf8").split("\n").slice(1);
    const v2 = readFileSync(path.join(EXAMPLE, "v2.yaml"), "utf8").split("\n").slice(2);
    const differing = v1.flatMap((line, i) => (line === v2[i] ? [] : [[line.trim(), v2[i]?.trim()]]));
    expect(v1.length).toBe(v2.length);
    expect(differing).toEqual([["expr: lower(trim(record.email))", "expr: trim(record.email)"]]);
    const meta = JSON.parse(readFileSync(path.join(EXAMPLE, "fixtures/fixture.json"), "utf8"));
    expect(meta.connector).toBe("crm-to-erp");
  });
});
