import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

const PETSTORE = "test/fixtures/specs/petstore-swagger2.yaml";

describe("cannectors generate and types on a Swagger 2.0 spec", () => {
  it("types: openapi-typescript gets the converted document", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "cannectors-types2-")), "pets.ts");
    const result = await runCli(["types", PETSTORE, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const types = readFileSync(out, "utf8");
    expect(types).toContain('"/pet/findByStatus": {');
    expect(types).toContain("Pet: {\n            /** Format: int64 */\n            id?: number;");
  });

  it("generate → check passes, with both sides typed from the 2.0 spec", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-generate2-"));
    const generated = await runCli(
      [
        "generate",
        "--source",
        PETSTORE,
        "--target",
        PETSTORE,
        "--from",
        "GET /pet/findByStatus",
        "--to",
        "POST /store/order",
      ].concat(["--name", "pets-to-orders", "--out", dir]),
      { timeoutMs: 120_000 },
    );
    expect(generated.code, generated.stderr).toBe(0);
    const connector = path.join(dir, "connectors/pets-to-orders.ts");
    const text = readFileSync(connector, "utf8");
    expect(text).toContain('baseUrl: "https://petstore.swagger.io/v2"');
    expect(text).toContain('source.get("/pet/findByStatus"');
    expect(text).toContain('target.post("/store/order"');
    expect(readFileSync(path.join(dir, "types/swagger-petstore-target.ts"), "utf8")).toContain("placeOrder: {");

    const checked = await runCli(["check", connector], { timeoutMs: 120_000 });
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  }, 180_000);
});
