/**
 * Issue 13 item 7: `generate`'s summary and `review` count the same decisions, and the `--llm-*`
 * flags the LLM README documents exist; an unreachable endpoint is said, and offline ranking kept.
 */
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

const SPECS = ["--source", "examples/demo-apis/crm/openapi.yaml", "--target", "examples/demo-apis/erp/openapi.yaml"];

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("cannectors generate", () => {
  it("reports as many decisions to review as `review` then finds", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "cannectors-gen-count-"));
    const generated = await runCli(["generate", ...SPECS, "--name", "crm-to-erp", "--out", out, "--yes"]);
    expect(generated.code, generated.stderr).toBe(0);
    const reported = Number(/(\d+) decision\(s\) to review/.exec(generated.stderr)?.[1]);
    const review = await runCli(["review", path.join(out, "connectors/crm-to-erp.ts"), "--json"]);
    expect(review.code, review.stderr).toBe(0);
    expect(JSON.parse(review.stdout)).toHaveLength(reported);
  }, 60_000);

  it("takes the --llm-* flags and says when the endpoint is unreachable and the offline ranking is kept", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "cannectors-gen-llm-"));
    const url = `http://127.0.0.1:${await closedPort()}`;
    const flags = ["--llm-provider", "ollama", "--llm-base-url", url, "--llm-model", "m", "--llm-timeout-ms", "2000"];
    const generated = await runCli([
      "generate",
      ...SPECS,
      "--name",
      "crm-to-erp",
      "--out",
      out,
      "--yes",
      ...flags,
      "--llm-cache-dir",
      path.join(out, "cache"),
    ]);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toContain(`LLM at ${url}`);
    expect(generated.stderr).toMatch(/not used for \d+ of \d+ field\(s\): .+; the offline ranking was kept/);
  }, 60_000);
});
