import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { LLM_DEFAULTS, type LlmConfig, type LlmProvider } from "./types.js";

/** The generator's `--llm-*` options as commander hands them over (numbers may still be strings). */
export interface LlmFlags {
  llmProvider?: string | undefined;
  llmBaseUrl?: string | undefined;
  llmModel?: string | undefined;
  llmApiKeyEnv?: string | undefined;
  llmTimeoutMs?: string | number | undefined;
  llmMaxCandidates?: string | number | undefined;
  llmCacheDir?: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const LLM_ENV = {
  provider: "CANNECTORS_LLM_PROVIDER",
  baseUrl: "CANNECTORS_LLM_BASE_URL",
  model: "CANNECTORS_LLM_MODEL",
  apiKeyEnv: "CANNECTORS_LLM_API_KEY_ENV",
  timeoutMs: "CANNECTORS_LLM_TIMEOUT_MS",
  maxCandidates: "CANNECTORS_LLM_MAX_CANDIDATES",
  cacheDir: "CANNECTORS_LLM_CACHE_DIR",
} as const;

/** The LLM settings from the environment alone; undefined when nothing asks for an LLM. */
export function llmConfigFromEnv(env: Env): LlmConfig | undefined {
  return resolveLlmConfig({}, env);
}

/**
 * Flags win over the environment. Undefined unless a provider, base URL or model is given: the
 * presence of an API key alone never turns the LLM on. A half-given configuration is an error
 * rather than silently offline, because the developer visibly meant to use one.
 */
export function resolveLlmConfig(flags: LlmFlags, env: Env): LlmConfig | undefined {
  const pick = (flag: string | undefined, name: string): string | undefined => nonEmpty(flag) ?? nonEmpty(env[name]);
  const providerText = pick(flags.llmProvider, LLM_ENV.provider);
  let baseUrl = pick(flags.llmBaseUrl, LLM_ENV.baseUrl);
  const model = pick(flags.llmModel, LLM_ENV.model);
  if (providerText === undefined && baseUrl === undefined && model === undefined) return undefined;

  const provider = parseProvider(providerText ?? "openai");
  if (baseUrl === undefined && provider === "ollama") baseUrl = LLM_DEFAULTS.ollamaBaseUrl;
  const missing = [baseUrl === undefined ? LLM_ENV.baseUrl : "", model === undefined ? LLM_ENV.model : ""].filter(
    (name) => name !== "",
  );
  if (baseUrl === undefined || model === undefined) {
    throw invalid(`LLM assistance is half configured: set ${missing.join(" and ")} (or the --llm-* flags)`);
  }
  // Ollama needs no key; defaulting to OPENAI_API_KEY there would hand an OpenAI key to another host.
  const apiKeyEnv =
    pick(flags.llmApiKeyEnv, LLM_ENV.apiKeyEnv) ?? (provider === "openai" ? LLM_DEFAULTS.apiKeyEnv : undefined);
  const config: LlmConfig = { provider, baseUrl: parseBaseUrl(baseUrl), model };
  if (apiKeyEnv !== undefined) config.apiKeyEnv = apiKeyEnv;
  const timeoutMs = parsePositiveInteger(flags.llmTimeoutMs ?? env[LLM_ENV.timeoutMs], LLM_ENV.timeoutMs);
  if (timeoutMs !== undefined) config.timeoutMs = timeoutMs;
  const maxCandidates = parsePositiveInteger(
    flags.llmMaxCandidates ?? env[LLM_ENV.maxCandidates],
    LLM_ENV.maxCandidates,
  );
  if (maxCandidates !== undefined) config.maxCandidates = maxCandidates;
  const cacheDir = pick(flags.llmCacheDir, LLM_ENV.cacheDir);
  if (cacheDir !== undefined) config.cacheDir = cacheDir;
  return config;
}

function parseProvider(text: string): LlmProvider {
  if (text === "openai" || text === "ollama") return text;
  throw invalid(`${LLM_ENV.provider} must be "openai" (any OpenAI-compatible endpoint) or "ollama", got "${text}"`);
}

function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw invalid(`${LLM_ENV.baseUrl} is not a URL`, cause);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalid(`${LLM_ENV.baseUrl} must be an http or https URL, got ${url.protocol}`);
  }
  return text.replace(/\/+$/, "");
}

function parsePositiveInteger(value: string | number | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(number) || number <= 0) throw invalid(`${name} must be a positive integer, got "${value}"`);
  return number;
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function invalid(message: string, cause?: unknown): CannectorsError {
  return new CannectorsError(ErrorCodes.CONFIG_INVALID, message, cause === undefined ? {} : { cause });
}
