import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../../test/support/http-server.js";
import { llmConfigFromEnv } from "./config.js";
import { rankingContent, startFakeLlm } from "../../test/support/fake-llm-server.js";
import { rerankIfConfigured } from "./rerank-if-configured.js";
import { offlineCandidates, rerankRequest } from "./test-fixture.js";
import type { FetchFunction } from "./types.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("rerankIfConfigured", () => {
  it("sends nothing and keeps the offline ranking when the environment configures no LLM", async () => {
    server = await startFakeLlm("openai", { content: rankingContent([{ source: "email", confidence: 1 }]) });
    // A key and an unrelated URL in the environment are not a configuration.
    const env = { OPENAI_API_KEY: "sk-not-used-123", OPENAI_BASE_URL: server.url };
    const calls: string[] = [];
    const spy: FetchFunction = (input, init) => {
      calls.push(input);
      return fetch(input, init);
    };
    const config = llmConfigFromEnv(env);
    const result = await rerankIfConfigured(rerankRequest(), config, { env, fetch: spy });
    expect(config).toBeUndefined();
    expect(result).toEqual({ candidates: offlineCandidates(), used: "fallback" });
    expect(calls).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it("asks the configured endpoint", async () => {
    server = await startFakeLlm("openai", { content: rankingContent([{ source: "email", confidence: 1 }]) });
    const cacheDir = await mkdtemp(join(tmpdir(), "cannectors-llm-"));
    try {
      const config = llmConfigFromEnv({
        CANNECTORS_LLM_BASE_URL: server.url,
        CANNECTORS_LLM_MODEL: "m",
        CANNECTORS_LLM_CACHE_DIR: cacheDir,
      });
      const result = await rerankIfConfigured(rerankRequest(), config, { env: {} });
      expect(result.used).toBe("llm");
      expect(server.requests).toHaveLength(1);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
