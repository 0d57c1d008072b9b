export { MAX_REASON_LENGTH, type RankedSource, type ValidatedAnswer, validateAnswer } from "./answer.js";
export { blendRanking } from "./blend.js";
export { cacheFile, cacheKey } from "./cache.js";
export { type Env, LLM_ENV, type LlmFlags, llmConfigFromEnv, resolveLlmConfig } from "./config.js";
export { describeLlmRequest } from "./describe.js";
export { buildPrompt, type ChatMessage, SYSTEM_PROMPT } from "./prompt.js";
export { buildChatRequest, chatContent, chatEndpoint } from "./protocol.js";
export { rerankWithLlm } from "./rerank.js";
export { rerankIfConfigured } from "./rerank-if-configured.js";
export { DEFAULT_CONCURRENCY, rerankMany } from "./rerank-many.js";
export { sourceLabel } from "./source-label.js";
export {
  type Candidate,
  type FetchFunction,
  type FieldRecord,
  LLM_DEFAULTS,
  type LlmConfig,
  type LlmProvider,
  type RerankDeps,
  type RerankRequest,
  type RerankResult,
  type RerankSource,
} from "./types.js";
