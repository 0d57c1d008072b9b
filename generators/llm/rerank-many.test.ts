import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestServer } from "../../test/support/http-server.js";
import { rankingContent, startFakeLlm } from "../../test/support/fake-llm-server.js";
import { rerankMany } from "./rerank-many.js";
import { offlineCandidates, rerankRequest, targetField } from "./test-fixture.js";
import type { LlmConfig, RerankRequest } from "./types.js";

let cacheDir: string;
let server: TestServer | undefined;
let inFlight = 0;
let maxInFlight = 0;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "cannectors-llm-"));
  inFlight = 0;
  maxInFlight = 0;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(cacheDir, { recursive: true, force: true });
});

function requests(count: number): RerankRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    ...rerankRequest(),
    target: { ...targetField, path: `field_${i}` },
  }));
}

describe("rerankMany", () => {
  it.each([1, 3])("keeps the input order with at most %i calls in flight", async (concurrency) => {
    server = await startFakeLlm("openai", (request) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const target = JSON.parse(JSON.parse(request.body).messages[1].content).target.path as string;
      // Later fields answer sooner, so an order kept by completion time would show.
      const index = Number(target.split("_")[1]);
      return new Promise((resolve) =>
        setTimeout(
          () => {
            inFlight--;
            resolve({ content: rankingContent([{ source: "email", confidence: 1, reason: target }]) });
          },
          40 - index * 5,
        ),
      );
    });
    const config: LlmConfig = { provider: "openai", baseUrl: server.url, model: "m", cacheDir, timeoutMs: 5_000 };
    const results = await rerankMany(requests(6), config, { env: {} }, concurrency);
    expect(results.map((r) => r.explanation)).toEqual([
      "field_0",
      "field_1",
      "field_2",
      "field_3",
      "field_4",
      "field_5",
    ]);
    expect(maxInFlight).toBe(concurrency);
  });

  it("returns the offline rankings without a configuration", async () => {
    const results = await rerankMany(requests(2), undefined);
    expect(results.map((r) => r.candidates)).toEqual([offlineCandidates(), offlineCandidates()]);
  });
});
