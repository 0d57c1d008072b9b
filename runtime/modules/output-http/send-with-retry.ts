import type { ResponseClasses } from "../../artifact/index.js";
import { CannectorsError, describeError, ErrorCodes } from "../../errors/index.js";
import { failpoint } from "../../failpoints/index.js";
import type { Logger } from "../../log/types.js";
import type { RetryPolicy } from "../../net/retry.js";
import { type AttemptFailure, decideRetry, type RetryState } from "../../net/retry-decision.js";
import { isTransientError } from "../../net/transient.js";
import type { Clock, HttpClient, HttpResponse } from "../../net/types.js";
import type { Redactor } from "../../secrets/types.js";
import type { Authenticator } from "../../auth/index.js";
import { classifyStatus } from "./classify.js";
import type { DeliveryFailure, DeliveryOutcome, DeliveryRequest } from "./delivery-request.js";

export interface SendContext {
  client: HttpClient;
  auth: Authenticator;
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  retry: RetryPolicy;
  signal: AbortSignal;
  random?: (() => number) | undefined;
  onRetry?: (() => void) | undefined;
  responses: ResponseClasses;
  timeoutMs?: number | undefined;
}

const EXCERPT_BYTES = 512;

type Attempt =
  | { kind: "success" }
  | { kind: "unauthorized"; failure: Omit<DeliveryFailure, "attempts"> }
  | { kind: "fail"; failure: Omit<DeliveryFailure, "attempts"> }
  | {
      kind: "retry";
      failure: Omit<DeliveryFailure, "attempts">;
      retryAfter?: string | undefined;
      rateLimited?: boolean;
    };

/**
 * Sends one request until it succeeds, fails permanently or runs out of attempts, as
 * `decideRetry` says. Rejects only on cancellation: every other ending is an outcome the caller
 * dead-letters.
 */
export async function sendWithRetry(request: DeliveryRequest, ctx: SendContext): Promise<DeliveryOutcome> {
  const target = `${request.method} ${request.maskedUrl}`;
  const state: RetryState = { sent: 0, refreshed: false };
  for (;;) {
    throwIfCancelled(ctx.signal, target);
    state.sent++;
    const attempts = state.sent;
    failpoint("before-send");
    const attempt = await attemptOnce(request, ctx, target);
    if (attempt.kind === "success") return { ok: true, attempts };
    const decision = decideRetry(failureOf(attempt), state, {
      policy: ctx.retry,
      nowMs: ctx.clock.now(),
      random: ctx.random,
    });
    if (decision.action === "refresh-credentials") {
      state.refreshed = true;
      if (await refreshCredentials(ctx, target)) continue;
      return { ok: false, ...attempt.failure, attempts };
    }
    // Rate limiting is the host's state, not this request's: every request to the host waits.
    if (decision.pauseHostMs !== undefined) ctx.client.pauseHost(request.url, decision.pauseHostMs);
    const { failure } = attempt;
    if (decision.action === "give-up") {
      if (decision.reason === "attempts-exhausted") {
        return { ok: false, ...failure, reason: `gave up after ${attempts} attempts: ${failure.reason}`, attempts };
      }
      if (decision.reason === "retry-after-too-long") {
        const reason = `Retry-After of ${Math.ceil((decision.retryAfterMs ?? 0) / 1000)} s exceeds the cap (${Math.ceil(ctx.retry.maxRetryAfterMs / 1000)} s): ${failure.reason}`;
        return { ok: false, ...failure, reason, attempts };
      }
      return { ok: false, ...failure, attempts };
    }
    ctx.onRetry?.();
    ctx.logger[decision.logLevel]("output request failed, retrying", {
      target,
      attempt: attempts,
      status: failure.status,
      reason: failure.reason,
      waitMs: decision.waitMs,
      records: request.records.length,
    });
    try {
      await ctx.clock.sleep(decision.waitMs, ctx.signal);
    } catch (error) {
      throw cancelled(target, error);
    }
  }
}

function failureOf(attempt: Exclude<Attempt, { kind: "success" }>): AttemptFailure {
  switch (attempt.kind) {
    case "unauthorized":
      return { kind: "unauthorized" };
    case "fail":
      return { kind: "permanent" };
    case "retry":
      return {
        kind: "transient",
        status: attempt.failure.status,
        retryAfter: attempt.retryAfter,
        rateLimited: attempt.rateLimited === true,
      };
  }
}

async function attemptOnce(request: DeliveryRequest, ctx: SendContext, target: string): Promise<Attempt> {
  let response: HttpResponse;
  try {
    // Not copied: authenticators return new headers rather than write to these, reused by every retry.
    const authorized = await ctx.auth.apply({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.bodyText,
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
      // Only the status decides a delivery: a 2xx whose body is cut off was processed, not in doubt.
      statusOnly: true,
    });
    response = await ctx.client.request(authorized);
  } catch (error) {
    if (ctx.signal.aborted) throw cancelled(target, error);
    const failure = {
      status: null,
      reason: ctx.redactor.redact(`${describeError(error)} (${target})`),
      responseExcerpt: "",
      rejected: false,
    };
    return isTransientError(error) ? { kind: "retry", failure } : { kind: "fail", failure };
  }

  const status = response.status;
  const statusClass = classifyStatus(status, ctx.responses);
  if (statusClass === "success") {
    if (response.bodyError !== undefined) {
      ctx.logger.warn("response body cut off after a success status: counted as delivered", {
        target,
        status,
        error: response.bodyError,
        records: request.records.length,
      });
    }
    return { kind: "success" };
  }
  const failure = {
    status,
    reason: `HTTP ${status} from ${target}`,
    responseExcerpt:
      response.bodyError !== undefined
        ? `(response body cut off: ${response.bodyError})`
        : ctx.redactor.redact(response.body.subarray(0, EXCERPT_BYTES).toString("utf8")),
    // Credentials problems are not any one record's fault: splitting a batch over them would only repeat them.
    rejected: statusClass === "fail" && status !== 401 && status !== 403,
  };
  if (status === 401) return { kind: "unauthorized", failure };
  if (statusClass === "fail") return { kind: "fail", failure };
  return {
    kind: "retry",
    failure,
    retryAfter: response.headers["retry-after"],
    rateLimited: statusClass === "rateLimited",
  };
}

async function refreshCredentials(ctx: SendContext, target: string): Promise<boolean> {
  try {
    return await ctx.auth.onUnauthorized();
  } catch (error) {
    if (ctx.signal.aborted) throw cancelled(target, error);
    ctx.logger.warn("refreshing credentials after 401 failed", {
      target,
      error: ctx.redactor.redact(describeError(error)),
    });
    return false;
  }
}

function throwIfCancelled(signal: AbortSignal, target: string): void {
  if (signal.aborted) throw cancelled(target, signal.reason);
}

function cancelled(target: string, cause: unknown): CannectorsError {
  return new CannectorsError(ErrorCodes.CANCELLED, `output delivery cancelled (${target})`, {
    cause,
    details: { target },
  });
}
