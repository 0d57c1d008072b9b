import type { ErrorCode } from "../../runtime/errors/index.js";
import type { Logger } from "../../runtime/log/index.js";

/** A field of a source or target schema, as the suggester sees it (structurally the suggester's own record). */
export interface FieldRecord {
  path: string;
  type: string;
  format?: string | undefined;
  enum?: readonly unknown[] | undefined;
  description?: string | undefined;
  required: boolean;
  nullable?: boolean | undefined;
}

/** One ranked proposal for a target field (structurally the offline suggester's candidate). */
export interface Candidate {
  /** A source path, or several when the conversion combines them (first + last name). */
  source: string | string[];
  confidence: number;
  reasons: string[];
  conversion: string;
}

export type LlmProvider = "openai" | "ollama";

export interface LlmConfig {
  /** "openai" means any OpenAI-compatible chat completions endpoint (OpenAI, vLLM, LM Studio, llama.cpp...). */
  provider: LlmProvider;
  baseUrl: string;
  model: string;
  /** The name of the environment variable holding the key, never the key itself. */
  apiKeyEnv?: string | undefined;
  timeoutMs?: number | undefined;
  maxCandidates?: number | undefined;
  cacheDir?: string | undefined;
}

export interface RerankRequest {
  /** Every field of the source schema; candidates are described from it. */
  source: readonly FieldRecord[];
  target: FieldRecord;
  /** The offline ranking, best first. */
  candidates: readonly Candidate[];
}

export type RerankSource = "llm" | "cache" | "fallback";

export interface RerankResult {
  candidates: Candidate[];
  used: RerankSource;
  /** The model's reason for its first choice. */
  explanation?: string;
  /** Why the offline ranking was kept; secrets already masked. */
  error?: string;
  errorCode?: ErrorCode;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface RerankDeps {
  fetch?: FetchFunction | undefined;
  /** Where the API key is read from (the variable named by `apiKeyEnv`); defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  now?: (() => number) | undefined;
  logger?: Logger | undefined;
}

export const LLM_DEFAULTS = {
  timeoutMs: 20_000,
  maxCandidates: 5,
  cacheDir: ".cannectors/llm-cache",
  apiKeyEnv: "OPENAI_API_KEY",
  ollamaBaseUrl: "http://127.0.0.1:11434",
} as const;
