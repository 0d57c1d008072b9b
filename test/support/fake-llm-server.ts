/** Test-only: a chat endpoint on 127.0.0.1 speaking the OpenAI or the Ollama protocol. */
import type { ServerResponse } from "node:http";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./http-server.js";
import type { LlmProvider } from "../../generators/llm/types.js";

/**
 * The assistant's text, a raw HTTP answer, no answer at all until the server closes, or the
 * headers at once and a body that never ends (a model generating forever).
 */
export type FakeReply = { content: string } | { status: number; body: string } | { hang: true } | { stallBody: true };

export async function startFakeLlm(
  provider: LlmProvider,
  reply: FakeReply | ((request: RecordedRequest) => FakeReply | Promise<FakeReply>),
): Promise<TestServer> {
  const path = provider === "ollama" ? "/api/chat" : "/chat/completions";
  return startServer(async (request, res) => {
    if (request.method !== "POST" || request.url !== path)
      return sendJson(res, 404, { error: `no route ${request.url}` });
    answer(res, provider, typeof reply === "function" ? await reply(request) : reply);
  });
}

function answer(res: ServerResponse, provider: LlmProvider, reply: FakeReply): void {
  if ("hang" in reply) return;
  if ("stallBody" in reply) {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"choices":[');
    return;
  }
  if ("status" in reply) {
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(reply.body);
    return;
  }
  const message = { role: "assistant", content: reply.content };
  if (provider === "ollama") sendJson(res, 200, { model: "fake", message, done: true });
  else sendJson(res, 200, { id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message }] });
}

/** The answer JSON a model would write, as text. */
export function rankingContent(ranking: { source: string | string[]; confidence: number; reason?: string }[]): string {
  return JSON.stringify({ ranking });
}
