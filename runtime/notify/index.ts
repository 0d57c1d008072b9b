import { durationMs } from "../artifact/common.js";
import type { Settings } from "../artifact/settings.js";
import { createHttpClient } from "../net/http-client.js";
import { retryPolicyFrom } from "../net/retry.js";
import type { LookupFunction } from "../net/address-guard.js";
import type { Clock } from "../net/types.js";
import type { Redactor } from "../secrets/types.js";
import type { StateStore } from "../state/types.js";
import { alertEvent, type NotificationPayload, type RunEnding, runEvent } from "./event.js";
import { sendNotification } from "./send.js";
import { failureStreak } from "./streak.js";

export type { RunEnding } from "./event.js";
export { Alerts, Notification, NotificationEvent } from "./schema.js";

export interface NotifyContext {
  store: StateStore;
  clock: Clock;
  redactor: Redactor;
  /** Told of each notification that could not be delivered (already redacted). */
  warn(message: string, fields: Record<string, unknown>): void;
  resolve?: LookupFunction | undefined;
  random?: (() => number) | undefined;
}

/**
 * Tells the connector's notification URLs how its run ended, and sends an alert when the run makes
 * `settings.alerts.consecutiveFailures` failed runs in a row. Called once the run's end is recorded;
 * resolves when every notification is delivered or given up on, and never throws.
 */
export async function notifyRunEnd(settings: Settings, ending: RunEnding, context: NotifyContext): Promise<void> {
  const notifications = settings.notifications ?? [];
  if (notifications.length === 0) return;
  const events: NotificationPayload[] = [runEvent(ending, new Date(context.clock.now()))];
  const threshold = settings.alerts?.consecutiveFailures;
  if (threshold !== undefined && ending.status === "failed") {
    const streak = await failureStreak(context.store, ending.connector, threshold).catch(() => 0);
    if (streak === threshold) events.push(alertEvent(ending, streak, new Date(context.clock.now())));
  }
  const client = createHttpClient({
    // Only the notification URLs (and the connector's extra hosts): not the modules' hosts.
    allowedHosts: [...notifications.map((n) => new URL(n.url).host), ...settings.network.allowHosts],
    allowLinkLocal: settings.network.allowPrivateLinkLocal,
    connectTimeoutMs: durationMs(settings.timeouts.connect),
    requestTimeoutMs: durationMs(settings.timeouts.request),
    resolve: context.resolve,
    clock: context.clock,
    redactor: context.redactor,
  });
  const retry = retryPolicyFrom(settings.retries);
  try {
    await Promise.all(
      notifications.flatMap((notification) =>
        events
          .filter((event) => notification.on.includes(event.type === "connector.alert" ? "alert" : ending.status))
          .map(async (event) => {
            const result = await sendNotification(notification.url, notification.secret, event, {
              client,
              clock: context.clock,
              retry,
              random: context.random,
            });
            if (!result.delivered) {
              context.warn("notification not delivered", {
                event: event.type,
                url: context.redactor.redact(notification.url),
                attempts: result.attempts,
                error: context.redactor.redact(result.problem ?? ""),
              });
            }
          }),
      ),
    );
  } finally {
    await client.close();
  }
}
