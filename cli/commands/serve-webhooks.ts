import * as webhookInput from "../../runtime/modules/input-webhook/index.js";
import type { WebhookModule } from "../../runtime/serve/index.js";

/** The webhook input module, as the supervisor sees it (the agreed interface). */
export const webhookModule: WebhookModule = webhookInput;
