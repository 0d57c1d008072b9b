import type { Authenticator } from "../auth/index.js";
import type { ModuleContext } from "../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes, isCannectorsError } from "../errors/index.js";
import { backoffDelay, parseRetryAfter } from "../net/retry.js";
import { isTransientError, isTransientStatus } from "../net/transient.js";
import type { HttpRequest, HttpResponse } from "../net/types.js";

export type FetchContext = ModuleContext & { auth: Authenticator };

/**
 * Fetches one page until it succeeds or fails for good: network errors, timeouts, 408/425/429/5xx
 * are retried with backoff (Retry-After honoured up to the policy's cap); a 401 gets one retry after
 * the authenticator refreshes; other statuses fail at once. `where` names the page and its URL.
 */
export async function fetchPage(request: HttpRequest, where: string, ctx: FetchContext): Promise<HttpResponse> {
  const { retry: policy, clock, signal } = ctx;
  const details = { url: ctx.redactor.redact(request.url) };
  let refreshedAuth = false;
  for (let attempt = 1; ; attempt++) {
    const wait = (ms: number) => clock.sleep(ms, signal);
    let response: HttpResponse;
    try {
      response = await ctx.client.request({ ...(await ctx.auth.apply(request)), signal });
    } catch (error) {
      const code = isCannectorsError(error) ? error.code : undefined;
      if (isTransientError(error) && attempt < policy.maxAttempts && !signal.aborted) {
        ctx.onRetry?.();
        ctx.logger.debug("page request failed, retrying", {
          attempt,
          error: ctx.redactor.redact(describeError(error)),
        });
        await wait(backoffDelay(attempt, policy, ctx.random));
        continue;
      }
      const tries = attempt > 1 ? ` after ${attempt} attempts` : "";
      throw new CannectorsError(
        code ?? ErrorCodes.HTTP_NETWORK,
        ctx.redactor.redact(`${where} failed${tries}: ${describeError(error)}`),
        {
          cause: error,
          details: { ...details, attempts: attempt },
        },
      );
    }
    const { status } = response;
    if (status >= 200 && status <= 299) return response;
    if (status === 401 && !refreshedAuth) {
      refreshedAuth = true;
      if (await ctx.auth.onUnauthorized()) {
        // The retry after a credential refresh is not a failed attempt of the page itself.
        attempt--;
        continue;
      }
    }
    const excerpt = ctx.redactor.redact(response.body.toString("utf8", 0, 200));
    const statusDetails = { ...details, status, attempts: attempt };
    if (!isTransientStatus(status)) {
      throw new CannectorsError(ErrorCodes.HTTP_STATUS, `${where} failed with status ${status}: ${excerpt}`, {
        details: statusDetails,
      });
    }
    if (attempt >= policy.maxAttempts) {
      throw new CannectorsError(
        ErrorCodes.HTTP_STATUS,
        `${where} still failing with status ${status} after ${attempt} attempts: ${excerpt}`,
        { details: statusDetails },
      );
    }
    const retryAfter = parseRetryAfter(response.headers["retry-after"], clock.now());
    if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) {
      throw new CannectorsError(
        ErrorCodes.RETRY_AFTER_TOO_LONG,
        `${where}: status ${status} asks to retry after ${retryAfter} ms, longer than the ${policy.maxRetryAfterMs} ms allowed (settings.retries.maxRetryAfter)`,
        { details: { ...statusDetails, retryAfterMs: retryAfter } },
      );
    }
    ctx.onRetry?.();
    ctx.logger.debug("page request answered with a retryable status", { attempt, status });
    const waitMs = Math.max(backoffDelay(attempt, policy, ctx.random), retryAfter ?? 0);
    if (status === 429) ctx.client.pauseHost(request.url, waitMs);
    await wait(waitMs);
  }
}
