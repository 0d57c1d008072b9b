import * as z from "zod";

/** What a notification is sent for: how a run ended, or an alert after consecutive failed runs. */
export const NotificationEvent = z.enum(["succeeded", "partial", "failed", "cancelled", "alert"]);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

export const Notification = z
  .strictObject({
    url: z
      .string()
      .regex(/^https?:\/\//, "an http:// or https:// URL")
      .describe("Where the event is POSTed as JSON (Standard Webhooks payload: type, timestamp, data)."),
    secret: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Standard Webhooks signing secret (`whsec_` + base64, e.g. `${secret:NOTIFY_SECRET}`): each request then carries webhook-id, webhook-timestamp and webhook-signature.",
      ),
    on: z
      .array(NotificationEvent)
      .min(1)
      .default(["partial", "failed", "alert"])
      .describe("Events sent to this URL (default partial, failed and alert)."),
  })
  .describe("A webhook told when a run of this connector ends. Never sent for a dry run.");
export type Notification = z.infer<typeof Notification>;

export const Alerts = z
  .strictObject({
    consecutiveFailures: z
      .number()
      .int()
      .min(1)
      .describe("Send an `alert` event when this many runs in a row have failed (once per streak)."),
  })
  .describe("Alerting on repeated failures, sent to the notifications that list `alert`.");
export type Alerts = z.infer<typeof Alerts>;
