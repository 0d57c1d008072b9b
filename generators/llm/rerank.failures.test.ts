import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../runtime/errors/index.js";
import { recordingLogger } from "../../runtime/net/testing.js";
import type { TestServer } from "../../test/support/http-server.js";
import { type FakeReply, rankingContent, startFakeLlm } from "../../test/support/fake-llm-server.js";
import { rerankWithLlm } from "./rerank.js";
import { offlineCandidates, rerankRequest } from "./test-fixture.js";
import type { LlmConfig, LlmProvider } from "./types.js";

const API_KEY = "sk-secret-e41d8cd98f00b204";
const env = { LLM_KEY: API_KEY };

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

async function serve(provider: LlmProvider, reply: FakeReply | ((body: string) => FakeReply)): Promise<LlmConfig> {
  server = await startFakeLlm(
    provider,
    typeof reply === "function" ? (request) => reply(request.headers.authorization ?? "") : reply,
  );
  return { provider, baseUrl: server.url, model: "mapper-1", apiKeyEnv: "LLM_KEY", timeoutMs: 200, cacheDir };
}

const cases: { name: string; reply: FakeReply; code: string; mentions: string }[] = [
  {
    name: "500",
    reply: { status: 500, body: '{"error":"overloaded"}' },
    code: ErrorCodes.HTTP_STATUS,
    mentions: "500",
  },
  {
    name: "a body that is not JSON",
    reply: { status: 200, body: "<html>oops" },
    code: ErrorCodes.LLM_ANSWER,
    mentions: "not JSON",
  },
  {
    name: "no message in the envelope",
    reply: { status: 200, body: "{}" },
    code: ErrorCodes.LLM_ANSWER,
    mentions: "content",
  },
  {
    name: "content that is not JSON",
    reply: { content: "I think customer_id." },
    code: ErrorCodes.LLM_ANSWER,
    mentions: "not valid JSON",
  },
  {
    name: "content of the wrong shape",
    reply: { content: '{"ranking":[{"source":"id","confidence":"high"}]}' },
    code: ErrorCodes.LLM_ANSWER,
    mentions: "confidence",
  },
  {
    name: "only invented sources",
    reply: { content: rankingContent([{ source: "client_uuid", confidence: 1 }]) },
    code: ErrorCodes.LLM_ANSWER,
    mentions: "none of the offered",
  },
  { name: "no answer within the timeout", reply: { hang: true }, code: ErrorCodes.HTTP_TIMEOUT, mentions: "200 ms" },
  {
    name: "a body still streaming at the timeout",
    reply: { stallBody: true },
    code: ErrorCodes.HTTP_TIMEOUT,
    mentions: "200 ms",
  },
];

describe.each<LlmProvider>(["openai", "ollama"])("rerankWithLlm fallback over %s", (provider) => {
  it.each(cases)("keeps the offline ranking on $name", async ({ reply, code, mentions }) => {
    const config = await serve(provider, reply);
    const result = await rerankWithLlm(rerankRequest(), config, { env });
    expect(result.used).toBe("fallback");
    expect(result.errorCode).toBe(code);
    expect(result.error).toContain(mentions);
    expect(result.candidates).toEqual(offlineCandidates());
    expect(server?.requests).toHaveLength(1);
    expect(await readdir(cacheDir)).toEqual([]);
  });
});

describe("rerankWithLlm failures", () => {
  it("gives up at the timeout, long before a slow server would answer", async () => {
    const config = await serve("openai", { hang: true });
    const started = performance.now();
    const result = await rerankWithLlm(rerankRequest(), { ...config, timeoutMs: 200 }, { env });
    const elapsed = performance.now() - started;
    expect(result.used).toBe("fallback");
    // The server never answers: without the timeout this would wait until the test times out (30 s).
    expect(elapsed).toBeLessThan(5_000);
  });

  it("never puts the API key in the error, even when the server echoes it", async () => {
    const config = await serve("openai", (authorization) => ({
      status: 401,
      body: JSON.stringify({ error: `bad key ${authorization}`, base64: Buffer.from(API_KEY).toString("base64") }),
    }));
    const result = await rerankWithLlm(rerankRequest(), config, { env });
    expect(result.used).toBe("fallback");
    expect(result.error).toContain("401");
    expect(result.error).toContain("***");
    expect(result.error).not.toContain(API_KEY);
    expect(result.error).not.toContain(Buffer.from(API_KEY).toString("base64"));
  });

  it("logs the fallback at warn, masked, with the target field", async () => {
    const config = await serve("openai", (authorization) => ({ status: 503, body: `echo ${authorization}` }));
    const logger = recordingLogger();
    await rerankWithLlm(rerankRequest(), config, { env, logger });
    const warning = logger.entries.find((entry) => entry.level === "warn");
    expect(warning?.fields).toMatchObject({ target: "client_id", model: "mapper-1" });
    expect(String(warning?.fields.error)).toContain("503");
    expect(JSON.stringify(logger.entries)).not.toContain(API_KEY);
  });

  it("says which variable is missing when the endpoint refuses an unauthenticated call", async () => {
    const config = await serve("openai", { status: 401, body: '{"error":"missing key"}' });
    const result = await rerankWithLlm(rerankRequest(), config, { env: {} });
    expect(server?.requests[0]?.headers.authorization).toBeUndefined();
    expect(result.error).toContain("LLM_KEY is not set");
  });

  it("reports a refused connection as a network error", async () => {
    const config = await serve("openai", { content: "{}" });
    await server?.close();
    server = undefined;
    const result = await rerankWithLlm(rerankRequest(), config, { env });
    expect(result).toMatchObject({ used: "fallback", errorCode: ErrorCodes.HTTP_NETWORK });
    expect(result.candidates).toEqual(offlineCandidates());
  });

  it("sends nothing when there is no candidate to re-rank", async () => {
    const config = await serve("openai", { content: "{}" });
    const result = await rerankWithLlm(rerankRequest([]), config, { env });
    expect(result).toEqual({ candidates: [], used: "fallback" });
    expect(server?.requests).toHaveLength(0);
  });
});
