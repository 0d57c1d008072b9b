/**
 * One error base class with stable codes, in the manner of undici: callers branch on `code`,
 * never on message text, and every wrapped failure keeps its `cause`.
 */
export const ErrorCodes = {
  CONFIG_INVALID: "CANNECTORS_E_CONFIG_INVALID",
  YAML_SYNTAX: "CANNECTORS_E_YAML_SYNTAX",
  SCHEMA: "CANNECTORS_E_SCHEMA",
  API_VERSION: "CANNECTORS_E_API_VERSION",
  EXPRESSION: "CANNECTORS_E_EXPRESSION",
  CRON: "CANNECTORS_E_CRON",
  SECRET_UNRESOLVED: "CANNECTORS_E_SECRET_UNRESOLVED",
  SECRET_SYNTAX: "CANNECTORS_E_SECRET_SYNTAX",
  HTTP_STATUS: "CANNECTORS_E_HTTP_STATUS",
  HTTP_NETWORK: "CANNECTORS_E_HTTP_NETWORK",
  HTTP_TIMEOUT: "CANNECTORS_E_HTTP_TIMEOUT",
  HTTP_RESPONSE_TOO_LARGE: "CANNECTORS_E_HTTP_RESPONSE_TOO_LARGE",
  HOST_NOT_ALLOWED: "CANNECTORS_E_HOST_NOT_ALLOWED",
  ADDRESS_BLOCKED: "CANNECTORS_E_ADDRESS_BLOCKED",
  REDIRECT_REFUSED: "CANNECTORS_E_REDIRECT_REFUSED",
  AUTH: "CANNECTORS_E_AUTH",
  /** No usable refresh token (none stored, revoked, expired): `cannectors auth login NAME` fixes it. */
  AUTH_LOGIN_REQUIRED: "CANNECTORS_E_AUTH_LOGIN_REQUIRED",
  /** The key that seals refresh tokens in the state store is missing, malformed or not the one they were sealed with. */
  STATE_KEY: "CANNECTORS_E_STATE_KEY",
  PAGE_INVALID: "CANNECTORS_E_PAGE_INVALID",
  PAGINATION_LOOP: "CANNECTORS_E_PAGINATION_LOOP",
  RECORDS_NOT_FOUND: "CANNECTORS_E_RECORDS_NOT_FOUND",
  EVALUATION: "CANNECTORS_E_EVALUATION",
  EXPRESSION_BUDGET: "CANNECTORS_E_EXPRESSION_BUDGET",
  EXPRESSION_COST: "CANNECTORS_E_EXPRESSION_COST",
  DELIVERY: "CANNECTORS_E_DELIVERY",
  RETRY_AFTER_TOO_LONG: "CANNECTORS_E_RETRY_AFTER_TOO_LONG",
  STATE: "CANNECTORS_E_STATE",
  LEASE_HELD: "CANNECTORS_E_LEASE_HELD",
  LEASE_LOST: "CANNECTORS_E_LEASE_LOST",
  CANCELLED: "CANNECTORS_E_CANCELLED",
  NOT_FOUND: "CANNECTORS_E_NOT_FOUND",
  REF_MISUSE: "CANNECTORS_E_REF_MISUSE",
  DSL_MISUSE: "CANNECTORS_E_DSL_MISUSE",
  LOAD: "CANNECTORS_E_LOAD",
  NO_CONNECTOR: "CANNECTORS_E_NO_CONNECTOR",
  LOWERING: "CANNECTORS_E_LOWERING",
  SPEC_INVALID: "CANNECTORS_E_SPEC_INVALID",
  SPEC_UNREADABLE: "CANNECTORS_E_SPEC_UNREADABLE",
  LLM_ANSWER: "CANNECTORS_E_LLM_ANSWER",
  WEBHOOK_NEEDS_SERVE: "CANNECTORS_E_WEBHOOK_NEEDS_SERVE",
  LISTEN: "CANNECTORS_E_LISTEN",
  DEAD_LETTER_INVALID: "CANNECTORS_E_DEAD_LETTER_INVALID",
  FIXTURE_INVALID: "CANNECTORS_E_FIXTURE_INVALID",
  CONTRACT: "CANNECTORS_E_CONTRACT",
  BROKER: "CANNECTORS_E_BROKER",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface CannectorsErrorOptions {
  cause?: unknown;
  /** Facts a log line or a test can read without parsing the message (record index, module, URL...). */
  details?: Record<string, unknown>;
}

export class CannectorsError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: CannectorsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CannectorsError";
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isCannectorsError(value: unknown, code?: ErrorCode): value is CannectorsError {
  return value instanceof CannectorsError && (code === undefined || value.code === code);
}

/** The message of an error and of every cause below it, joined: what a log line should say. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    if (current instanceof Error) {
      // Wrappers often quote their cause already; say each thing once.
      const message = current.message.split("\n")[0] ?? "";
      if (message !== "" && !parts.some((p) => p.includes(message))) parts.push(message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(": ");
}
