import { describe, expect, it } from "vitest";
import { buildChatRequest, chatContent, chatEndpoint } from "./protocol.js";
import type { LlmConfig } from "./types.js";

describe("chatEndpoint", () => {
  const cases: { config: LlmConfig; want: string }[] = [
    {
      config: { provider: "openai", baseUrl: "https://api.openai.com/v1", model: "m" },
      want: "https://api.openai.com/v1/chat/completions",
    },
    {
      config: { provider: "openai", baseUrl: "http://127.0.0.1:8000/v1/", model: "m" },
      want: "http://127.0.0.1:8000/v1/chat/completions",
    },
    {
      config: { provider: "ollama", baseUrl: "http://127.0.0.1:11434", model: "m" },
      want: "http://127.0.0.1:11434/api/chat",
    },
    {
      config: { provider: "openai", baseUrl: "https://proxy/v1?tenant=a", model: "m" },
      want: "https://proxy/v1/chat/completions?tenant=a",
    },
  ];
  it.each(cases)("$config.baseUrl ($config.provider) → $want", ({ config, want }) => {
    expect(chatEndpoint(config)).toBe(want);
  });
});

describe("buildChatRequest", () => {
  it("sends no Authorization header without a key", () => {
    const request = buildChatRequest({ provider: "ollama", baseUrl: "http://h", model: "m" }, [], undefined);
    expect(Object.keys(request.headers)).not.toContain("authorization");
  });
});

describe("chatContent", () => {
  const cases: { name: string; provider: "openai" | "ollama"; body: unknown; want: string }[] = [
    { name: "OpenAI choices", provider: "openai", body: { choices: [{ message: { content: "{}" } }] }, want: "{}" },
    {
      name: "Ollama message",
      provider: "ollama",
      body: { message: { role: "assistant", content: "{}" }, done: true },
      want: "{}",
    },
  ];
  it.each(cases)("reads the $name", ({ provider, body, want }) => {
    expect(chatContent(provider, body)).toBe(want);
  });

  it.each([
    ["openai", { choices: [] }],
    ["openai", { message: { content: "{}" } }],
    ["ollama", { choices: [{ message: { content: "{}" } }] }],
  ] as const)("refuses a %s envelope of the other shape %j", (provider, body) => {
    expect(() => chatContent(provider, body)).toThrow(/has no/);
  });
});
