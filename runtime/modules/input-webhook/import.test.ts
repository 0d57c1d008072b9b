import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { importArtifact } from "../../../compiler/import/import-artifact.js";
import type { ConnectorInput } from "../../../compiler/lower/contract.js";
import type { WebhookInput } from "./schema.js";

// The cases' literals widen `type` to string; each is a valid webhook input.
const artifact = (input: object): ConnectorInput => ({
  apiVersion: "cannectors.dev/v1",
  kind: "Connector",
  metadata: { name: "hooks" },
  input: { type: "webhook", path: "/h", ...input } as z.input<typeof WebhookInput>,
  output: { type: "http", baseUrl: "http://127.0.0.1:4020", path: "/sink" },
});

describe("importing a webhook input", () => {
  it.each([
    { verify: { type: "none" }, want: 'webhook<ImportedRecord>({ path: "/h", verify: unverified() })' },
    {
      verify: { type: "github", secrets: ["${env:A}", "${env:B}"] },
      want: 'verify: github(secret("A"), secret("B"))',
    },
    {
      verify: { type: "stripe", secrets: ["${env:S}"], tolerance: "1m" },
      want: 'verify: stripe([secret("S")], { tolerance: "1m" })',
    },
    { verify: { type: "standardWebhooks", secrets: ["whsec_x"] }, want: 'verify: standardWebhooks(["whsec_x"])' },
    {
      verify: { type: "hmac", header: "X-Sig", secrets: ["pre-${env:K}"], prefix: "sha256=" },
      want: 'verify: hmac({ header: "X-Sig", secrets: [text`pre-${secret("K")}`], prefix: "sha256=" })',
    },
  ])("$verify.type → $want", ({ verify, want }) => {
    const text = importArtifact(artifact({ verify }), { sourceLabel: "h.yaml" });
    expect(text).toContain(want);
    expect(text).not.toContain("SourcePaths");
    expect(text).not.toContain("const source");
  });

  it("carries every other field as a literal", () => {
    const text = importArtifact(
      artifact({
        verify: { type: "none" },
        records: "items",
        methods: ["PUT"],
        contentTypes: ["application/json"],
        maxBodySize: 10,
        schema: { type: "object" },
        dedupe: { path: "id", window: "1h" },
      }),
      { sourceLabel: "h.yaml" },
    );
    expect(text).toContain(
      'records: "items", methods: ["PUT"], contentTypes: ["application/json"], maxBodySize: 10, schema: { type: "object" }, dedupe: { path: "id", window: "1h" } })',
    );
    expect(text).toMatch(/^import \{ api, connector, unverified, webhook \} from "cannectors";$/m);
  });
});
