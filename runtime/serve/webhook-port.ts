import type * as webhookInput from "../modules/input-webhook/index.js";
import type * as webhookQueue from "./webhook-queue.js";

export type { WebhookMetrics, WebhookReceiver } from "../modules/input-webhook/index.js";

/** The part of the webhook input module the supervisor calls (the CLI and tests pass the module itself). */
export type WebhookModule = Pick<typeof webhookInput, "createWebhookReceiver"> &
  Pick<typeof webhookQueue, "processWebhookQueue" | "queueDepth">;
