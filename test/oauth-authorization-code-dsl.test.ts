/**
 * A TypeScript connector declares oauth2AuthorizationCode with the DSL builder; `cannectors build`
 * lowers it to the artifact, which validates; `importArtifact` writes the builder call back, and
 * building the imported file gives the same artifact (lowering and import agree).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importArtifact } from "../compiler/import/import-artifact.js";
import { runCli } from "./support/cli.js";

const CONNECTOR = `import { api, connector, env, oauth2AuthorizationCode, secret } from "cannectors";

const crm = api({
  baseUrl: "http://127.0.0.1:4010",
  auth: oauth2AuthorizationCode({
    authorizationUrl: "http://127.0.0.1:4010/oauth/authorize",
    tokenUrl: env("CRM_TOKEN_URL"),
    clientId: env("CRM_CLIENT_ID"),
    clientSecret: secret("CRM_CLIENT_SECRET"),
    scopes: ["contacts.read", "offline_access"],
    authorizationParams: { prompt: "consent" },
    redirectPort: 8765,
  }),
});
const sink = api({ baseUrl: "http://127.0.0.1:4020" });

export default connector({ name: "crm-contacts" })
  .from(crm.get("/contacts", { records: "items" }))
  .to(sink.post("/contacts", {}));
`;

async function build(dir: string, file: string): Promise<Record<string, unknown>> {
  const result = await runCli(["build", file, "--out", "out", "--no-typecheck"], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  const yaml = readFileSync(path.join(dir, "out/crm-contacts.yaml"), "utf8");
  expect((await runCli(["validate", path.join(dir, "out/crm-contacts.yaml")])).code).toBe(0);
  return parse(yaml);
}

describe("oauth2AuthorizationCode in a TypeScript connector", () => {
  it("lowers to the artifact's auth block, and imports back to the same builder call", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-authcode-dsl-"));
    writeFileSync(path.join(dir, "connector.ts"), CONNECTOR);
    const artifact = await build(dir, "connector.ts");
    expect((artifact.input as { auth: unknown }).auth).toEqual({
      type: "oauth2AuthorizationCode",
      authorizationUrl: "http://127.0.0.1:4010/oauth/authorize",
      tokenUrl: "${env:CRM_TOKEN_URL}",
      clientId: "${env:CRM_CLIENT_ID}",
      clientSecret: "${env:CRM_CLIENT_SECRET}",
      scopes: ["contacts.read", "offline_access"],
      authorizationParams: { prompt: "consent" },
      redirectPort: 8765,
    });
    const imported = importArtifact(artifact as never, { sourceLabel: "crm-contacts.yaml" });
    expect(imported).toContain("oauth2AuthorizationCode({");
    expect(imported).toContain("redirectPort: 8765");
    writeFileSync(path.join(dir, "imported.ts"), imported);
    expect(await build(dir, "imported.ts")).toEqual(artifact);
  }, 120_000);
});
