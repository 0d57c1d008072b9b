import { inputKind } from "../module.js";
import { createNatsInput } from "./nats-input.js";
import { NatsInput } from "./schema.js";

export const natsInput = inputKind({
  type: "nats",
  schema: NatsInput,
  create(spec, { context, maxDepth, dryRun }) {
    return createNatsInput(spec, context, maxDepth, dryRun === true);
  },
});
