import { Webhook } from "standardwebhooks";
import { isTransientStatus } from "../net/transient.js";
import { decideRetry } from "../net/retry-decision.js";
import type { RetryPolicy } from "../net/retry.js";
import type { Clock, HttpClient } from "../net/types.js";
import { eventId, type NotificationPayload } from "./event.js";

export interface SendContext {
  client: HttpClient;
  clock: Clock;
  /** The connector's retry policy, with at most NOTIFY_MAX_ATTEMPTS attempts: a run's end waits for it. */
  retry: RetryPolicy;
  random?: (() => number) | undefined;
}

/** A notification is worth a few attempts, not a run's patience: the run's end waits for them. */
export const NOTIFY_MAX_ATTEMPTS = 3;

/**
 * POSTs one event, signed the Standard Webhooks way when a secret is given (`webhook-id` stays the
 * same across attempts so the receiver can drop duplicates), retried on network errors, 408, 429
 * and 5xx by the project's one retry policy. Resolves with how it ended; never throws: a
 * notification that cannot be delivered must not change how the run ended.
 */
export async function sendNotification(
  url: string,
  secret: string | undefined,
  payload: NotificationPayload,
  context: SendContext,
): Promise<{ delivered: boolean; attempts: number; problem?: string }> {
  const body = JSON.stringify(payload);
  const id = eventId(payload);
  const policy = { ...context.retry, maxAttempts: Math.min(context.retry.maxAttempts, NOTIFY_MAX_ATTEMPTS) };
  for (let sent = 1; ; sent++) {
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "cannectors" };
    if (secret !== undefined) {
      // Signed at each attempt: the timestamp is the attempt's (receivers refuse stale ones).
      const at = new Date(context.clock.now());
      headers["webhook-id"] = id;
      headers["webhook-timestamp"] = String(Math.floor(at.getTime() / 1000));
      headers["webhook-signature"] = new Webhook(secret).sign(id, at, body);
    }
    let problem: string;
    let failure: Parameters<typeof decideRetry>[0];
    try {
      const response = await context.client.request({ method: "POST", url, headers, body, statusOnly: true });
      if (response.status >= 200 && response.status < 300) return { delivered: true, attempts: sent };
      problem = `answered ${response.status}`;
      failure = isTransientStatus(response.status)
        ? { kind: "transient", status: response.status, retryAfter: response.headers["retry-after"] }
        : { kind: "permanent" };
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      failure = { kind: "transient", status: null };
    }
    const decision = decideRetry(
      failure,
      { sent, refreshed: false },
      {
        policy,
        nowMs: context.clock.now(),
        random: context.random,
      },
    );
    if (decision.action !== "retry") return { delivered: false, attempts: sent, problem };
    await context.clock.sleep(decision.waitMs);
  }
}
