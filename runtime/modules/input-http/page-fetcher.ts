import type { Authenticator } from "../../auth/index.js";
import type { ModuleContext } from "../../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes, isCannectorsError } from "../../errors/index.js";
import { type AttemptFailure, decideRetry, type RetryDecision, type RetryState } from "../../net/retry-decision.js";
import { isTransientError, isTransientStatus } from "../../net/transient.js";
import type { HttpRequest, HttpResponse } from "../../net/types.js";

export type FetchContext = ModuleContext & { auth: Authenticator };

/**
 * Fetches one page until it succeeds or fails for good, retrying as `decideRetry` says (network
 * errors, timeouts, 408/425/429/5xx; one resend after a 401 refreshes the credentials); other
 * statuses fail at once. `where` names the page and its URL.
 */
export async function fetchPage(request: HttpRequest, where: string, ctx: FetchContext): Promise<HttpResponse> {
  const { retry: policy, clock, signal } = ctx;
  const details = { url: ctx.redactor.redact(request.url) };
  const state: RetryState = { sent: 0, refreshed: false };
  const decide = (failure: AttemptFailure) =>
    decideRetry(failure, state, { policy, nowMs: clock.now(), random: ctx.random });
  const retry = async (decision: Extract<RetryDecision, { action: "retry" }>, fields: Record<string, unknown>) => {
    ctx.onRetry?.();
    ctx.logger[decision.logLevel]("page request failed, retrying", {
      attempt: state.sent,
      waitMs: decision.waitMs,
      ...fields,
    });
    await clock.sleep(decision.waitMs, signal);
  };
  for (;;) {
    state.sent++;
    let response: HttpResponse;
    try {
      response = await ctx.client.request({ ...(await ctx.auth.apply(request)), signal });
    } catch (error) {
      const transient = isTransientError(error) && !signal.aborted;
      const decision = decide(transient ? { kind: "transient", status: null } : { kind: "permanent" });
      if (decision.action === "retry") {
        await retry(decision, { error: ctx.redactor.redact(describeError(error)) });
        continue;
      }
      const code = isCannectorsError(error) ? error.code : undefined;
      const tries = state.sent > 1 ? ` after ${state.sent} attempts` : "";
      throw new CannectorsError(
        code ?? ErrorCodes.HTTP_NETWORK,
        ctx.redactor.redact(`${where} failed${tries}: ${describeError(error)}`),
        { cause: error, details: { ...details, attempts: state.sent } },
      );
    }
    const { status } = response;
    if (status >= 200 && status <= 299) return response;
    const decision = decide(
      status === 401
        ? { kind: "unauthorized" }
        : isTransientStatus(status)
          ? { kind: "transient", status, retryAfter: response.headers["retry-after"], rateLimited: status === 429 }
          : { kind: "permanent" },
    );
    if (decision.action === "refresh-credentials") {
      state.refreshed = true;
      if (await ctx.auth.onUnauthorized()) continue;
    } else if (decision.pauseHostMs !== undefined) {
      ctx.client.pauseHost(request.url, decision.pauseHostMs);
    }
    if (decision.action === "retry") {
      await retry(decision, { status });
      continue;
    }
    throw statusError(decision, response, where, { ...details, status, attempts: state.sent }, ctx);
  }
}

function statusError(
  decision: RetryDecision,
  response: HttpResponse,
  where: string,
  details: { status: number; attempts: number },
  ctx: FetchContext,
): CannectorsError {
  const { status, attempts } = details;
  const excerpt = ctx.redactor.redact(response.body.toString("utf8", 0, 200));
  if (decision.action === "give-up" && decision.reason === "attempts-exhausted") {
    return new CannectorsError(
      ErrorCodes.HTTP_STATUS,
      `${where} still failing with status ${status} after ${attempts} attempts: ${excerpt}`,
      { details },
    );
  }
  if (decision.action === "give-up" && decision.reason === "retry-after-too-long") {
    const retryAfterMs = decision.retryAfterMs;
    return new CannectorsError(
      ErrorCodes.RETRY_AFTER_TOO_LONG,
      `${where}: status ${status} asks to retry after ${retryAfterMs} ms, longer than the ${ctx.retry.maxRetryAfterMs} ms allowed (settings.retries.maxRetryAfter)`,
      { details: { ...details, retryAfterMs } },
    );
  }
  return new CannectorsError(ErrorCodes.HTTP_STATUS, `${where} failed with status ${status}: ${excerpt}`, { details });
}
