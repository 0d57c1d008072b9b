import { inputKind } from "../module.js";
import { createAmqpInput } from "./amqp-input.js";
import { AmqpInput } from "./schema.js";

export const amqpInput = inputKind({
  type: "amqp",
  schema: AmqpInput,
  create(spec, { context, maxDepth, dryRun }) {
    return createAmqpInput(spec, context, maxDepth, dryRun === true);
  },
});
