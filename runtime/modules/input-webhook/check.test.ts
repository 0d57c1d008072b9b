import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { validateArtifact } from "../../validate/index.js";

const artifact = (input: Record<string, unknown>) =>
  stringify({
    apiVersion: "cannectors.dev/v1",
    kind: "Connector",
    metadata: { name: "hooks" },
    input: { type: "webhook", path: "/hooks/x", verify: { type: "github", secrets: ["${env:S}"] }, ...input },
    output: { type: "http", baseUrl: "http://127.0.0.1:9", path: "/in" },
  });

describe("validating a webhook input", () => {
  it.each([
    { name: "a GitHub preset", input: {}, problems: [] },
    {
      name: "hmac with a body-path delivery id",
      input: { verify: { type: "hmac", header: "X-Sig", secrets: ["k"] }, dedupe: { path: "id" } },
      problems: [],
    },
    { name: "a JSON Schema", input: { schema: { type: "object", required: ["action"] } }, problems: [] },
    { name: "no verify", input: { verify: undefined }, problems: ["input.verify"] },
    { name: "a relative path", input: { path: "hooks" }, problems: ["input.path"] },
    { name: "no secret", input: { verify: { type: "github", secrets: [] } }, problems: ["input.verify.secrets"] },
    { name: "a body over 64 MiB", input: { maxBodySize: 64 * 1024 * 1024 + 1 }, problems: ["input.maxBodySize"] },
    { name: "an unknown field", input: { baseUrl: "http://x" }, problems: ["input.baseUrl"] },
    {
      name: "dedupe without an id for hmac",
      input: { verify: { type: "hmac", header: "X", secrets: ["k"] }, dedupe: { window: "1h" } },
      problems: ["input.dedupe"],
    },
    {
      name: "dedupe by header and path",
      input: { dedupe: { header: "X-Id", path: "id" } },
      problems: ["input.dedupe"],
    },
    { name: "a schema zod cannot read", input: { schema: { type: "nonsense" } }, problems: ["input.schema"] },
  ])("$name", ({ input, problems }) => {
    const result = validateArtifact(artifact(input), "hooks.yaml");
    expect(result.diagnostics.map((d) => d.path)).toEqual(problems);
    for (const d of result.diagnostics)
      expect(d.location).toMatchObject({ file: "hooks.yaml", line: expect.any(Number) });
  });
});
