import type { NotificationEvent } from "./schema.js";

/** The run facts a notification reports (a subset of the run summary; the error is already redacted). */
export interface RunEnding {
  connector: string;
  executionId: string;
  status: Exclude<NotificationEvent, "alert">;
  counts: { read: number; filtered: number; sent: number; failed: number; retries: number };
  durationMs: number;
  error?: string | undefined;
  errorCode?: string | undefined;
  deadLetterFile?: string | undefined;
}

/** A Standard Webhooks payload: `type`, `timestamp`, `data`. */
export interface NotificationPayload {
  type: `run.${Exclude<NotificationEvent, "alert">}` | "connector.alert";
  timestamp: string;
  data: RunEnding & { consecutiveFailures?: number };
}

export function runEvent(ending: RunEnding, at: Date): NotificationPayload {
  return { type: `run.${ending.status}`, timestamp: at.toISOString(), data: dataOf(ending) };
}

export function alertEvent(ending: RunEnding, consecutiveFailures: number, at: Date): NotificationPayload {
  return { type: "connector.alert", timestamp: at.toISOString(), data: { ...dataOf(ending), consecutiveFailures } };
}

/** The documented fields only, whatever else the caller's summary holds (the payload is a contract). */
function dataOf(ending: RunEnding): RunEnding {
  const { read, filtered, sent, failed, retries } = ending.counts;
  return {
    connector: ending.connector,
    executionId: ending.executionId,
    status: ending.status,
    counts: { read, filtered, sent, failed, retries },
    durationMs: ending.durationMs,
    ...(ending.error === undefined ? {} : { error: ending.error }),
    ...(ending.errorCode === undefined ? {} : { errorCode: ending.errorCode }),
    ...(ending.deadLetterFile === undefined ? {} : { deadLetterFile: ending.deadLetterFile }),
  };
}

/**
 * The webhook id: the same for every attempt at one event, so a receiver drops a retried duplicate
 * (Standard Webhooks' idempotency rule); different for the run's event and its alert.
 */
export function eventId(payload: NotificationPayload): string {
  return `${payload.data.executionId}.${payload.type}`;
}
