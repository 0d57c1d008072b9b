import type * as webhookInput from "../modules/input-webhook/index.js";

export type { WebhookMetrics, WebhookReceiver } from "../modules/input-webhook/index.js";

/** The part of the webhook input module the supervisor calls (the CLI and tests pass the module itself). */
export type WebhookModule = Pick<typeof webhookInput, "createWebhookReceiver" | "processWebhookQueue" | "queueDepth">;
