import { chatEndpoint } from "./protocol.js";
import { safeUrl } from "./safe-url.js";
import { LLM_DEFAULTS, type LlmConfig } from "./types.js";

/** The one line the generator prints before any call, so nothing leaves the machine unannounced. */
export function describeLlmRequest(config: LlmConfig): string {
  const count = config.maxCandidates ?? LLM_DEFAULTS.maxCandidates;
  const flavour = config.provider === "ollama" ? "Ollama" : "OpenAI-compatible";
  const key = config.apiKeyEnv === undefined ? "no API key" : `API key from $${config.apiKeyEnv}`;
  return (
    `LLM re-ranking: sends field names, types, formats, enums and descriptions of each target field and its top ${count} ` +
    `candidates to ${safeUrl(chatEndpoint(config))} (${flavour}, model ${config.model}, ${key}); no record values; ` +
    `answers cached in ${config.cacheDir ?? LLM_DEFAULTS.cacheDir}`
  );
}
