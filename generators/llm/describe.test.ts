import { describe, expect, it } from "vitest";
import { describeLlmRequest } from "./describe.js";
import { safeUrl } from "./safe-url.js";
import type { LlmConfig } from "./types.js";

describe("describeLlmRequest", () => {
  const cases: { name: string; config: LlmConfig; want: string[] }[] = [
    {
      name: "OpenAI-compatible",
      config: {
        provider: "openai",
        baseUrl: "https://api.openai.com/v1",
        model: "gpt-4o-mini",
        apiKeyEnv: "OPENAI_API_KEY",
      },
      want: [
        "https://api.openai.com/v1/chat/completions",
        "model gpt-4o-mini",
        "top 5 candidates",
        "$OPENAI_API_KEY",
        "no record values",
        ".cannectors/llm-cache",
      ],
    },
    {
      name: "Ollama without a key",
      config: {
        provider: "ollama",
        baseUrl: "http://127.0.0.1:11434",
        model: "llama3.1",
        maxCandidates: 3,
        cacheDir: "/tmp/c",
      },
      want: ["http://127.0.0.1:11434/api/chat", "Ollama", "top 3 candidates", "no API key", "/tmp/c"],
    },
    {
      name: "credentials in the URL masked",
      config: { provider: "openai", baseUrl: "https://user:hunter22@proxy.example/v1?key=abcdef", model: "m" },
      want: ["https://***:***@proxy.example/v1/chat/completions?key=***"],
    },
  ];
  it.each(cases)("$name", ({ config, want }) => {
    const line = describeLlmRequest(config);
    for (const part of want) expect(line).toContain(part);
    expect(line).not.toContain("\n");
    expect(line).not.toContain("hunter22");
    expect(line).not.toContain("abcdef");
  });
});

describe("safeUrl", () => {
  it.each([
    ["http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"],
    ["https://a:b@h/x?token=t&x=1", "https://***:***@h/x?token=***&x=***"],
    ["not a url", "not a url"],
  ])("%s → %s", (given, want) => {
    expect(safeUrl(given)).toBe(want);
  });
});
