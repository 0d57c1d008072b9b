import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestServer } from "../../test/support/http-server.js";
import { type FakeReply, rankingContent, startFakeLlm } from "../../test/support/fake-llm-server.js";
import { rerankWithLlm } from "./rerank.js";
import { offlineCandidates, rerankRequest } from "./test-fixture.js";
import type { LlmConfig, LlmProvider } from "./types.js";

const API_KEY = "sk-test-7f3a9c2e1b";
const env = { OPENAI_API_KEY: API_KEY, MY_OLLAMA_KEY: API_KEY };

const goodAnswer = rankingContent([
  { source: "customer_id", confidence: 0.95, reason: "customer is the CRM's word for client" },
  { source: "id", confidence: 0.3, reason: "an internal row number, not the public id" },
]);

let cacheDir: string;
let server: TestServer | undefined;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "cannectors-llm-"));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(cacheDir, { recursive: true, force: true });
});

async function serve(provider: LlmProvider, reply: FakeReply): Promise<LlmConfig> {
  server = await startFakeLlm(provider, reply);
  return {
    provider,
    baseUrl: server.url,
    model: "mapper-1",
    apiKeyEnv: provider === "openai" ? "OPENAI_API_KEY" : "MY_OLLAMA_KEY",
    timeoutMs: 2_000,
    cacheDir,
  };
}

describe.each<LlmProvider>(["openai", "ollama"])("rerankWithLlm over %s", (provider) => {
  it("re-ranks by the blended confidence and explains the first choice", async () => {
    const config = await serve(provider, { content: goodAnswer });
    const result = await rerankWithLlm(rerankRequest(), config, { env });
    expect(result.used).toBe("llm");
    expect(result.error).toBeUndefined();
    expect(result.candidates.map((c) => [c.source, c.confidence])).toEqual([
      ["customer_id", 0.775],
      ["id", 0.5],
      ["email", 0.1],
    ]);
    expect(result.candidates[0]?.reasons[0]).toBe("llm 0.95: customer is the CRM's word for client");
    expect(result.candidates[0]?.conversion).toBe("record.customer_id");
    expect(result.explanation).toBe("customer is the CRM's word for client");
  });

  it("sends the model, temperature 0, a JSON answer format and the Bearer key to the protocol's path", async () => {
    const config = await serve(provider, { content: goodAnswer });
    await rerankWithLlm(rerankRequest(), config, { env });
    expect(server?.requests).toHaveLength(1);
    const request = server?.requests[0];
    const body = JSON.parse(request?.body ?? "{}") as Record<string, unknown>;
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(body.model).toBe("mapper-1");
    if (provider === "openai") {
      expect(request?.url).toBe("/chat/completions");
      expect(body).toMatchObject({ temperature: 0, response_format: { type: "json_object" } });
    } else {
      expect(request?.url).toBe("/api/chat");
      expect(body).toMatchObject({ stream: false, format: "json", options: { temperature: 0 } });
    }
    expect(body.messages).toHaveLength(2);
  });

  it("drops a source the model invented and keeps the offered ones", async () => {
    const invented = rankingContent([
      { source: "client_uuid", confidence: 1, reason: "made up" },
      { source: "customer_id", confidence: 0.9, reason: "same concept" },
    ]);
    const config = await serve(provider, { content: invented });
    const result = await rerankWithLlm(rerankRequest(), config, { env });
    expect(result.used).toBe("llm");
    expect(result.candidates.map((c) => c.source)).toEqual(["customer_id", "id", "email"]);
    expect(result.candidates.flatMap((c) => c.reasons).join(" ")).not.toContain("made up");
  });

  it("answers the second identical call from the cache without a request", async () => {
    const config = await serve(provider, { content: goodAnswer });
    const first = await rerankWithLlm(rerankRequest(), config, { env });
    const second = await rerankWithLlm(rerankRequest(), config, { env });
    expect(server?.requests).toHaveLength(1);
    expect(first.used).toBe("llm");
    expect(second.used).toBe("cache");
    expect(second.candidates).toEqual(first.candidates);
    expect(second.explanation).toBe(first.explanation);
  });
});

describe("rerankWithLlm cache", () => {
  it("asks again when the prompt changes (another candidate list)", async () => {
    const config = await serve("openai", { content: goodAnswer });
    await rerankWithLlm(rerankRequest(), config, { env });
    await rerankWithLlm(rerankRequest(offlineCandidates().slice(0, 2)), config, { env });
    await rerankWithLlm(rerankRequest(), { ...config, model: "mapper-2" }, { env });
    expect(server?.requests).toHaveLength(3);
  });

  it("never writes the API key, the URL or a header to the cache files", async () => {
    const config = await serve("openai", { content: goodAnswer });
    await rerankWithLlm(rerankRequest(), config, { env });
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    const text = await readFile(join(cacheDir, files[0] ?? ""), "utf8");
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(server?.url ?? "unreachable");
    expect(JSON.parse(text)).toMatchObject({ provider: "openai", model: "mapper-1" });
  });

  it("ignores a damaged cache entry, asks again and repairs it", async () => {
    const config = await serve("openai", { content: goodAnswer });
    await rerankWithLlm(rerankRequest(), config, { env });
    const [file] = await readdir(cacheDir);
    await writeFile(join(cacheDir, file ?? ""), '{"ranking": [{"source": "invented", "confidence": 1}]}');
    const again = await rerankWithLlm(rerankRequest(), config, { env });
    const third = await rerankWithLlm(rerankRequest(), config, { env });
    expect([again.used, third.used]).toEqual(["llm", "cache"]);
    expect(server?.requests).toHaveLength(2);
  });
});
