import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/cli.js";

function project(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-build-env-"));
  writeFileSync(path.join(dir, "connector.ts"), source);
  return dir;
}

const CONFIGURED = `import { api, bearer, connector, env, secret, text } from "cannectors";

const source = api({
  baseUrl: env("CRM_URL"),
  auth: bearer(secret("TOKEN")),
  headers: { "X-Tenant": env("TENANT"), "X-Trace": secret("TRACE"), Authorization: text\`Bearer \${secret("T2")}\` },
});
const target = api({ baseUrl: text\`http://\${env("ERP_HOST")}:4020\` });

export default connector({ name: "configured" })
  .from(source.get("/items", { records: "items" }))
  .to(target.post("/sink", {}));
`;

describe("env(...) and secret(...) in TypeScript", () => {
  it("lower to ${env:NAME} for configuration and keep secrets secret, in a valid artifact", async () => {
    const dir = project(CONFIGURED);
    // An untyped api(): the type check (not what this tests) would refuse its paths.
    const built = await runCli(["build", "connector.ts", "--out", "out", "--no-typecheck"], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const yaml = readFileSync(path.join(dir, "out/configured.yaml"), "utf8");
    expect(yaml).toContain("baseUrl: ${env:CRM_URL}");
    expect(yaml).toContain("baseUrl: http://${env:ERP_HOST}:4020");
    expect(yaml).toContain("X-Tenant: ${env:TENANT}");
    // Outside a credential position a secret says so; in one, `${env:}` already means a secret.
    expect(yaml).toContain("X-Trace: ${secret:TRACE}");
    expect(yaml).toContain("Authorization: Bearer ${env:T2}");
    expect(yaml).toContain("token: ${env:TOKEN}");
    const validated = await runCli(["validate", path.join(dir, "out/configured.yaml")]);
    expect(validated.code, validated.stderr).toBe(0);
  });

  it("baseUrl: secret(...) is one clear error, no stack trace", async () => {
    const dir = project(
      `import { api, connector, secret } from "cannectors";
const crm = api({ baseUrl: secret("CRM_URL") as never });
export default connector({ name: "x" }).from(crm.get("/a")).to(crm.post("/b", {}));
`,
    );
    // Past the type check (a cast, or plain JavaScript): the build still names the problem.
    const built = await runCli(["build", "connector.ts", "--out", "out", "--no-typecheck"], { cwd: dir });
    expect(built.code).not.toBe(0);
    expect(built.stderr).toMatch(/^connector\.ts:2:13 /m);
    expect(built.stderr).toContain('baseUrl: secret("CRM_URL") is not allowed here');
    expect(built.stderr).toContain('use env("CRM_URL")');
    expect(built.stderr).not.toMatch(/\n\s+at /);
  });
});

const ISSUES_SPEC = `type Paths = {
  "/repos/{owner}/{repo}/issues": {
    get: {
      parameters: { query?: never; header?: never; path: { owner: string; repo: string }; cookie?: never };
      responses: { 200: { content: { "application/json": { id: number; title: string }[] } } };
    };
  };
  "/sink": {
    post: {
      requestBody: { content: { "application/json": { id: number } } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
};`;

describe("input path parameters in TypeScript", () => {
  it("pathParams from the spec's path parameters lower to input.pathParams", async () => {
    const dir = project(`import { api, connector, env } from "cannectors";
${ISSUES_SPEC}
const gh = api<Paths>({ baseUrl: "https://api.github.example" });
export default connector({ name: "issues" })
  .from(gh.get("/repos/{owner}/{repo}/issues", { pathParams: { owner: "octo", repo: env("REPO") } }))
  .to(gh.post("/sink", {}))
  .map((r) => ({ id: r.id }));
`);
    const built = await runCli(["build", "connector.ts", "--out", "out"], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const yaml = readFileSync(path.join(dir, "out/issues.yaml"), "utf8");
    expect(yaml).toContain(
      "path: /repos/{owner}/{repo}/issues\n  pathParams:\n    owner: octo\n    repo: ${env:REPO}\n",
    );
  });

  it("a generated connector without them does not build: the unfilled placeholder is named", async () => {
    const dir = project(`import { api, connector } from "cannectors";
${ISSUES_SPEC}
const gh = api<Paths>({ baseUrl: "https://api.github.example" });
export default connector({ name: "issues" })
  .from(gh.get("/repos/{owner}/{repo}/issues"))
  .to(gh.post("/sink", {}))
  .map((r) => ({ id: r.id }));
`);
    const built = await runCli(["build", "connector.ts", "--out", "out"], { cwd: dir });
    expect(built.code).not.toBe(0);
    expect(built.stderr).toMatch(/path placeholder \{owner\} has no value: set input\.pathParams\.owner/);
  });
});
