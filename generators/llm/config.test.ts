import { describe, expect, it } from "vitest";
import { ErrorCodes, isCannectorsError } from "../../runtime/errors/index.js";
import { type LlmFlags, llmConfigFromEnv, resolveLlmConfig } from "./config.js";
import type { LlmConfig } from "./types.js";

describe("llmConfigFromEnv", () => {
  const cases: { name: string; env: Record<string, string>; want: LlmConfig | undefined }[] = [
    { name: "nothing set", env: {}, want: undefined },
    { name: "only an API key", env: { OPENAI_API_KEY: "sk-123456" }, want: undefined },
    { name: "blank values", env: { CANNECTORS_LLM_BASE_URL: " ", CANNECTORS_LLM_MODEL: "" }, want: undefined },
    {
      name: "base URL and model: OpenAI-compatible with OPENAI_API_KEY",
      env: { CANNECTORS_LLM_BASE_URL: "https://api.openai.com/v1/", CANNECTORS_LLM_MODEL: "gpt-4o-mini" },
      want: {
        provider: "openai",
        baseUrl: "https://api.openai.com/v1",
        model: "gpt-4o-mini",
        apiKeyEnv: "OPENAI_API_KEY",
      },
    },
    {
      name: "another key variable, timeout, cache and candidate count",
      env: {
        CANNECTORS_LLM_BASE_URL: "http://127.0.0.1:8000/v1",
        CANNECTORS_LLM_MODEL: "qwen",
        CANNECTORS_LLM_API_KEY_ENV: "VLLM_KEY",
        CANNECTORS_LLM_TIMEOUT_MS: "5000",
        CANNECTORS_LLM_MAX_CANDIDATES: "3",
        CANNECTORS_LLM_CACHE_DIR: "/tmp/llm",
      },
      want: {
        provider: "openai",
        baseUrl: "http://127.0.0.1:8000/v1",
        model: "qwen",
        apiKeyEnv: "VLLM_KEY",
        timeoutMs: 5000,
        maxCandidates: 3,
        cacheDir: "/tmp/llm",
      },
    },
    {
      name: "ollama with its default local URL and no key",
      env: { CANNECTORS_LLM_PROVIDER: "ollama", CANNECTORS_LLM_MODEL: "llama3.1", OPENAI_API_KEY: "sk-123456" },
      want: { provider: "ollama", baseUrl: "http://127.0.0.1:11434", model: "llama3.1" },
    },
  ];
  it.each(cases)("$name", ({ env, want }) => {
    expect(llmConfigFromEnv(env)).toEqual(want);
  });

  const invalid: { name: string; env: Record<string, string>; mentions: string }[] = [
    { name: "a model without a base URL", env: { CANNECTORS_LLM_MODEL: "m" }, mentions: "CANNECTORS_LLM_BASE_URL" },
    {
      name: "a base URL without a model",
      env: { CANNECTORS_LLM_BASE_URL: "http://x" },
      mentions: "CANNECTORS_LLM_MODEL",
    },
    {
      name: "an unknown provider",
      env: { CANNECTORS_LLM_PROVIDER: "claude", CANNECTORS_LLM_BASE_URL: "http://x", CANNECTORS_LLM_MODEL: "m" },
      mentions: "ollama",
    },
    {
      name: "a base URL that is not a URL",
      env: { CANNECTORS_LLM_BASE_URL: "localhost", CANNECTORS_LLM_MODEL: "m" },
      mentions: "not a URL",
    },
    {
      name: "a file URL",
      env: { CANNECTORS_LLM_BASE_URL: "file:///etc", CANNECTORS_LLM_MODEL: "m" },
      mentions: "http or https",
    },
    {
      name: "a zero timeout",
      env: { CANNECTORS_LLM_BASE_URL: "http://x", CANNECTORS_LLM_MODEL: "m", CANNECTORS_LLM_TIMEOUT_MS: "0" },
      mentions: "CANNECTORS_LLM_TIMEOUT_MS",
    },
  ];
  it.each(invalid)("refuses $name", ({ env, mentions }) => {
    let caught: unknown;
    try {
      llmConfigFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(isCannectorsError(caught, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect((caught as Error).message).toContain(mentions);
  });
});

describe("resolveLlmConfig", () => {
  const env = { CANNECTORS_LLM_BASE_URL: "http://env:1", CANNECTORS_LLM_MODEL: "env-model" };
  const cases: { name: string; flags: LlmFlags; want: Partial<LlmConfig> }[] = [
    {
      name: "flags win over the environment",
      flags: { llmModel: "flag-model", llmTimeoutMs: "750" },
      want: { model: "flag-model", baseUrl: "http://env:1", timeoutMs: 750 },
    },
    {
      name: "a flag switches to ollama",
      flags: { llmProvider: "ollama" },
      want: { provider: "ollama", apiKeyEnv: undefined },
    },
    { name: "numeric flags as numbers", flags: { llmMaxCandidates: 2 }, want: { maxCandidates: 2 } },
  ];
  it.each(cases)("$name", ({ flags, want }) => {
    const config = resolveLlmConfig(flags, env);
    expect(config).toBeDefined();
    for (const [key, value] of Object.entries(want)) expect(config?.[key as keyof LlmConfig]).toBe(value);
  });

  it("is configured by flags alone", () => {
    expect(resolveLlmConfig({ llmBaseUrl: "http://127.0.0.1:9", llmModel: "m" }, {})).toMatchObject({ model: "m" });
  });
});
