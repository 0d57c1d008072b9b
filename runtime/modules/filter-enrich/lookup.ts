import type { Authenticator } from "../../auth/index.js";
import type { ModuleContext } from "../../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes } from "../../errors/index.js";
import { decodeJson, DEFAULT_MAX_DEPTH } from "../../json/index.js";
import { type AttemptFailure, decideRetry, type RetryState } from "../../net/retry-decision.js";
import { isTransientError, isTransientStatus } from "../../net/transient.js";
import type { HttpRequest, HttpResponse } from "../../net/types.js";

export type LookupContext = ModuleContext & { auth: Authenticator; timeoutMs: number | undefined };
export type LookupAnswer = { ok: true; body: unknown } | { ok: false; reason: string };

/**
 * One GET until it answers 2xx JSON or fails for good, retrying as `decideRetry` says (network
 * errors, timeouts, 408/425/429/5xx; one resend after a 401 refreshes the credentials). A failure is
 * an answer (the records that needed it fail as configured); only cancellation rejects.
 */
export async function lookup(
  url: string,
  maskedUrl: string,
  headers: Record<string, string>,
  ctx: LookupContext,
): Promise<LookupAnswer> {
  const target = `GET ${maskedUrl}`;
  const state: RetryState = { sent: 0, refreshed: false };
  const request: HttpRequest = {
    method: "GET",
    url,
    headers,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
    hosts: ctx.client.hosts,
  };
  for (;;) {
    state.sent++;
    let response: HttpResponse | undefined;
    let failure: AttemptFailure;
    let reason: string;
    try {
      response = await ctx.client.request(await ctx.auth.apply(request));
    } catch (error) {
      if (ctx.signal.aborted) throw cancelled(target, error);
      reason = ctx.redactor.redact(`${describeError(error)} (${target})`);
      failure = isTransientError(error) ? { kind: "transient", status: null } : { kind: "permanent" };
      response = undefined;
    }
    if (response !== undefined) {
      const { status } = response;
      if (status >= 200 && status <= 299) return decoded(response, target, ctx);
      reason = `HTTP ${status} from ${target}: ${ctx.redactor.redact(response.body.toString("utf8", 0, 200))}`;
      failure =
        status === 401
          ? { kind: "unauthorized" }
          : isTransientStatus(status)
            ? { kind: "transient", status, retryAfter: response.headers["retry-after"], rateLimited: status === 429 }
            : { kind: "permanent" };
    }
    const decision = decideRetry(failure!, state, { policy: ctx.retry, nowMs: ctx.clock.now(), random: ctx.random });
    if (decision.action === "refresh-credentials") {
      state.refreshed = true;
      if (await ctx.auth.onUnauthorized()) continue;
      return { ok: false, reason: reason! };
    }
    if (decision.pauseHostMs !== undefined) ctx.client.pauseHost(url, decision.pauseHostMs);
    if (decision.action === "give-up") {
      const tries = state.sent > 1 ? `gave up after ${state.sent} attempts: ` : "";
      return { ok: false, reason: `${tries}${reason!}` };
    }
    ctx.onRetry?.();
    ctx.logger.warn("lookup failed, retrying", { target, attempt: state.sent, waitMs: decision.waitMs });
    try {
      await ctx.clock.sleep(decision.waitMs, ctx.signal);
    } catch (error) {
      throw cancelled(target, error);
    }
  }
}

function decoded(response: HttpResponse, target: string, ctx: LookupContext): LookupAnswer {
  try {
    const { value, problems } = decodeJson(response.body.toString("utf8"), { maxDepth: DEFAULT_MAX_DEPTH });
    if (problems.length > 0) return { ok: false, reason: `answer of ${target}: ${problems[0]!.message}` };
    return { ok: true, body: value };
  } catch (error) {
    return { ok: false, reason: ctx.redactor.redact(`answer of ${target} is not JSON: ${describeError(error)}`) };
  }
}

function cancelled(target: string, cause: unknown): CannectorsError {
  return new CannectorsError(ErrorCodes.CANCELLED, `lookup cancelled (${target})`, { cause, details: { target } });
}
