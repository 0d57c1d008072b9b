import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasScript, startTerminal } from "../cli/commands/pty-test-support.js";
import { CLI, ROOT } from "./support/cli.js";

const CRM = "examples/demo-apis/crm/openapi.yaml";
const ERP = "examples/demo-apis/erp/openapi.yaml";

describe.skipIf(!hasScript)("cannectors generate on a terminal", () => {
  const generate = (dir: string) =>
    startTerminal(
      [process.execPath, CLI, "generate", "--source", CRM, "--target", ERP, "--name", "crm-to-erp", "--out", dir]
        .map((a) => JSON.stringify(a))
        .join(" "),
      ROOT,
    );

  it("lets the developer pick the source and target operations, searching by name", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-generate-pty-"));
    const terminal = generate(dir);
    try {
      await terminal.waitFor("which operations should the connector join?");
      terminal.type("\x1b[A\r"); // up wraps to the last choice: pick the operations myself
      await terminal.waitFor("source: the list operation");
      terminal.type("customers");
      await terminal.waitFor("GET /customers");
      terminal.type("\r");
      await terminal.waitFor("target: the operation");
      terminal.type("POST /clients/batch");
      await terminal.waitFor("batch in clients");
      terminal.type("\r");
      expect(await terminal.exit, terminal.output()).toBe(0);
    } finally {
      terminal.kill();
    }
    const text = readFileSync(path.join(dir, "connectors/crm-to-erp.ts"), "utf8");
    expect(text).toContain('source.get("/customers"');
    expect(text).toContain('target.post("/clients/batch"');
  }, 60_000);

  it("writes nothing when the developer cancels", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-generate-pty-"));
    const terminal = generate(dir);
    try {
      await terminal.waitFor("which operations should the connector join?");
      terminal.type("\x03"); // Ctrl-C
      expect(await terminal.exit).toBe(2);
    } finally {
      terminal.kill();
    }
    expect(terminal.output()).toContain("cancelled: nothing was written");
    expect(existsSync(path.join(dir, "connectors"))).toBe(false);
  }, 60_000);
});
