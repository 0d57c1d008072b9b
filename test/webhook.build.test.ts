import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateArtifact } from "../runtime/validate/index.js";
import { runCli } from "./support/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-webhook-build-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (mapBody: string) => `import { api, connector, github, secret, webhook } from "cannectors";

type IssuesEvent = {
  action: "opened" | "closed" | "edited";
  issue: { number: number; title: string; user: { login: string } };
  repository: { full_name: string };
};
type Ticket = { external_id: number; title: string; repo: string };
type Tracker = {
  "/tickets": {
    post: {
      requestBody: { content: { "application/json": Ticket } };
      responses: { 201: { content: { "application/json": unknown } } };
    };
  };
};

const tracker = api<Tracker>({ baseUrl: "http://127.0.0.1:4020" });

export default connector({ name: "gh-issues" })
  .from(
    webhook<IssuesEvent>({
      path: "/hooks/github",
      verify: github(secret("GH_WEBHOOK_SECRET"), secret("GH_WEBHOOK_SECRET_OLD")),
      dedupe: { window: "72h" },
    }),
  )
  .to(tracker.post("/tickets", { idempotency: { key: (t) => t.external_id } }))
  .filter((e) => e.action === "opened")
  .map((e) => (${mapBody}));
`;

describe("building a webhook connector written in TypeScript", () => {
  const file = path.join(dir, "gh-issues.ts");
  const out = path.join(dir, "out");

  // One real build (the CLI loads the file and lowers its lambdas): slow on a busy machine, hence the timeout.
  it("builds to a valid artifact with input.type webhook, and imports back to a webhook(...) call", {
    timeout: 90_000,
  }, async () => {
    writeFileSync(file, source("{ external_id: e.issue.number, title: e.issue.title, repo: e.repository.full_name }"));
    const built = await runCli(["build", file, "--out", out]);
    expect(built.stderr).toBe(built.code === 0 ? built.stderr : "");
    expect(built.code).toBe(0);
    const yaml = readFileSync(path.join(out, "gh-issues.yaml"), "utf8");
    const checked = validateArtifact(yaml, "gh-issues.yaml");
    expect(checked.diagnostics).toEqual([]);
    expect(parse(yaml).input).toEqual({
      type: "webhook",
      path: "/hooks/github",
      verify: { type: "github", secrets: ["${env:GH_WEBHOOK_SECRET}", "${env:GH_WEBHOOK_SECRET_OLD}"] },
      dedupe: { window: "72h" },
    });
    expect(parse(yaml).filters).toEqual([
      // biome-ignore lint/suspicious/noThenProperty: the artifact's own key, data rather than a thenable
      { type: "condition", if: 'record.action == "opened"', then: "keep", else: "drop" },
      {
        type: "map",
        fields: [
          { target: "external_id", from: "issue.number" },
          { target: "title", from: "issue.title" },
          { target: "repo", from: "repository.full_name" },
        ],
      },
    ]);

    const imported = path.join(dir, "imported.ts");
    expect((await runCli(["import", path.join(out, "gh-issues.yaml"), "--out", imported])).code).toBe(0);
    expect(readFileSync(imported, "utf8")).toContain(
      'webhook<ImportedRecord>({ path: "/hooks/github", verify: github(secret("GH_WEBHOOK_SECRET"), secret("GH_WEBHOOK_SECRET_OLD")), dedupe: { window: "72h" } })',
    );
  });
});
