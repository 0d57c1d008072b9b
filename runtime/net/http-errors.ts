import { CannectorsError, describeError, ErrorCodes, isCannectorsError } from "../errors/index.js";

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

export interface FailureContext {
  /** `METHOD url`, already redacted. */
  where: string;
  timeoutMs: number;
  timedOut: boolean;
  cancelled: boolean;
  details: Record<string, unknown>;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    chain.push(current);
    if (current instanceof AggregateError) chain.push(...current.errors);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** Maps whatever undici or the connect-time guard threw onto one stable CannectorsError code. */
export function classifyFailure(error: unknown, context: FailureContext): CannectorsError {
  const chain = causes(error);
  const own = chain.find((e): e is CannectorsError => isCannectorsError(e));
  const { where, details } = context;
  if (own?.code === ErrorCodes.ADDRESS_BLOCKED) {
    return new CannectorsError(ErrorCodes.ADDRESS_BLOCKED, `${where} refused: ${own.message}`, {
      cause: own,
      details: { ...details, ...own.details },
    });
  }
  if (own) return own;
  if (context.timedOut || chain.some((e) => TIMEOUT_CODES.has(String(errorCode(e))))) {
    return new CannectorsError(ErrorCodes.HTTP_TIMEOUT, `${where} timed out after ${context.timeoutMs} ms`, {
      cause: error,
      details,
    });
  }
  if (context.cancelled) {
    return new CannectorsError(ErrorCodes.CANCELLED, `${where} cancelled`, { cause: error, details });
  }
  return new CannectorsError(ErrorCodes.HTTP_NETWORK, `${where} failed: ${describeError(error)}`, {
    cause: error,
    details,
  });
}
