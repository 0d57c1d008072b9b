import * as z from "zod";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import type { ChatMessage } from "./prompt.js";
import type { LlmConfig, LlmProvider } from "./types.js";

export interface ChatHttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The HTTP request for one chat turn, in the provider's own dialect; temperature 0 so answers repeat. */
export function buildChatRequest(
  config: LlmConfig,
  messages: ChatMessage[],
  apiKey: string | undefined,
): ChatHttpRequest {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  if (config.provider === "ollama") {
    return {
      url: chatEndpoint(config),
      headers,
      body: JSON.stringify({
        model: config.model,
        messages,
        stream: false,
        format: "json",
        options: { temperature: 0 },
      }),
    };
  }
  return {
    url: chatEndpoint(config),
    headers,
    body: JSON.stringify({
      model: config.model,
      messages,
      temperature: 0,
      response_format: { type: "json_object" },
    }),
  };
}

/** The protocol's path appended to the base URL's path; a query on the base URL (some proxies want one) is kept. */
export function chatEndpoint(config: LlmConfig): string {
  const url = new URL(config.baseUrl);
  const suffix = config.provider === "ollama" ? "/api/chat" : "/chat/completions";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${suffix}`;
  return url.toString();
}

const openAiEnvelope = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const ollamaEnvelope = z.object({ message: z.object({ content: z.string() }) });

/** The assistant's text out of the provider's response envelope. */
export function chatContent(provider: LlmProvider, body: unknown): string {
  if (provider === "ollama") {
    const parsed = ollamaEnvelope.safeParse(body);
    if (parsed.success) return parsed.data.message.content;
    throw envelopeError(provider, parsed.error);
  }
  const parsed = openAiEnvelope.safeParse(body);
  if (parsed.success) return parsed.data.choices[0]?.message.content ?? "";
  throw envelopeError(provider, parsed.error);
}

function envelopeError(provider: LlmProvider, error: z.ZodError): CannectorsError {
  const where = provider === "ollama" ? "message.content" : "choices[0].message.content";
  return new CannectorsError(
    ErrorCodes.LLM_ANSWER,
    `the ${provider} response has no ${where}: ${z.prettifyError(error).split("\n")[0] ?? ""}`,
  );
}
