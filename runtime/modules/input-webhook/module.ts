import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { inputKind } from "../module.js";
import { WebhookInput } from "./schema.js";

/** A webhook input has no source to poll: its deliveries arrive through `cannectors serve`. */
export const webhookInput = inputKind({
  type: "webhook",
  schema: WebhookInput,
  create(_spec, { context }) {
    throw new CannectorsError(
      ErrorCodes.WEBHOOK_NEEDS_SERVE,
      `connector ${context.connectorName} has a webhook input: it receives deliveries under \`cannectors serve\`, it cannot be run once`,
    );
  },
});
