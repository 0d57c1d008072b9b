import { resolve } from "node:path";
import { describeError, isCannectorsError } from "../../runtime/errors/index.js";
import { createRedactor } from "../../runtime/secrets/index.js";
import { type ValidatedAnswer, validateAnswer } from "./answer.js";
import { blendRanking } from "./blend.js";
import { cacheKey, readCachedAnswer, writeCachedAnswer } from "./cache.js";
import { callChat } from "./chat-call.js";
import { buildPrompt } from "./prompt.js";
import { buildChatRequest, chatContent } from "./protocol.js";
import { sourceLabel } from "./source-label.js";
import {
  type Candidate,
  LLM_DEFAULTS,
  type LlmConfig,
  type RerankDeps,
  type RerankRequest,
  type RerankResult,
} from "./types.js";

/**
 * Asks the model to re-rank the offline candidates of one target field. Never throws: any failure
 * (timeout, HTTP error, malformed answer) returns the offline ranking untouched with the reason.
 * Validated answers are cached by a hash of the prompt, so regenerating makes no call.
 */
export async function rerankWithLlm(
  request: RerankRequest,
  config: LlmConfig,
  deps: RerankDeps = {},
): Promise<RerankResult> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const offline = (): Candidate[] =>
    request.candidates.map((candidate) => ({ ...candidate, reasons: [...candidate.reasons] }));
  if (request.candidates.length === 0) return { candidates: [], used: "fallback" };

  const maxCandidates = config.maxCandidates ?? LLM_DEFAULTS.maxCandidates;
  const shownCount = Math.min(maxCandidates, request.candidates.length);
  const allowed = new Set(request.candidates.slice(0, shownCount).map((candidate) => sourceLabel(candidate.source)));
  const messages = buildPrompt(request, maxCandidates);
  const key = cacheKey(config.provider, config.model, messages);
  const cacheDir = resolve(config.cacheDir ?? LLM_DEFAULTS.cacheDir);
  const env = deps.env ?? process.env;
  const apiKey = config.apiKeyEnv === undefined ? undefined : nonEmpty(env[config.apiKeyEnv]);
  const redactor = createRedactor(apiKey === undefined ? [] : [apiKey]);
  const log = deps.logger?.child({ target: request.target.path, model: config.model });

  const finish = (answer: ValidatedAnswer, used: "llm" | "cache"): RerankResult => {
    if (answer.invented.length > 0)
      log?.warn("llm named sources that were not offered; dropped", { invented: answer.invented });
    log?.debug("llm re-rank", { used, ms: Math.round(now() - started) });
    const result: RerankResult = { candidates: blendRanking(request.candidates, shownCount, answer.ranking), used };
    const explanation = answer.ranking[0]?.reason;
    if (explanation !== undefined && explanation !== "") result.explanation = redactor.redact(explanation);
    return result;
  };

  const cached = await readCachedAnswer(cacheDir, key);
  if (cached !== undefined) {
    try {
      return finish(validateAnswer(cached, allowed), "cache");
    } catch {
      // A stale or damaged entry is simply asked again, and overwritten below.
    }
  }

  try {
    const authHint =
      config.apiKeyEnv !== undefined && apiKey === undefined ? `${config.apiKeyEnv} is not set` : undefined;
    const body = await callChat(buildChatRequest(config, messages, apiKey), {
      timeoutMs: config.timeoutMs ?? LLM_DEFAULTS.timeoutMs,
      fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
      authHint,
    });
    const answer = validateAnswer(chatContent(config.provider, body), allowed);
    try {
      await writeCachedAnswer(cacheDir, key, {
        provider: config.provider,
        model: config.model,
        ranking: answer.ranking,
      });
    } catch (error) {
      log?.warn("llm answer not cached", { error: redactor.redact(describeError(error)) });
    }
    return finish(answer, "llm");
  } catch (error) {
    const message = redactor.redact(describeError(error));
    log?.warn("llm re-rank failed; keeping the offline ranking", { error: message });
    const result: RerankResult = { candidates: offline(), used: "fallback", error: message };
    if (isCannectorsError(error)) result.errorCode = error.code;
    return result;
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === "" ? undefined : text;
}
