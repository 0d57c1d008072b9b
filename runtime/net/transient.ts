import { ErrorCodes, isCannectorsError } from "../errors/index.js";

/** Statuses worth another attempt whatever the endpoint: timeouts, too early, rate limited, server errors. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Failures that may pass on their own: network errors and timeouts, and errors marked
 * `details.transient` (e.g. a token endpoint answering 503) — also when they surface wrapped in
 * another error. A refused host or a rejected credential will not pass, and is not retried.
 */
export function isTransientError(error: unknown): boolean {
  if (!isCannectorsError(error)) return !(error instanceof Error && error.name === "AbortError");
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (isCannectorsError(current, ErrorCodes.HTTP_NETWORK) || isCannectorsError(current, ErrorCodes.HTTP_TIMEOUT)) {
      return true;
    }
    if (isCannectorsError(current) && current.details.transient === true) return true;
    current = current.cause;
  }
  return false;
}
