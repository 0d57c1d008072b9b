import { brokerOutput } from "../../brokers/broker-output.js";
import { outgoingMessages } from "../../brokers/outgoing-message.js";
import { outputKind } from "../module.js";
import { redisPublisher } from "./redis-output.js";
import { RedisOutput } from "./schema.js";

export const redisOutput = outputKind({
  type: "redis",
  schema: RedisOutput,
  create(spec, { context, deadLetter, dryRun }) {
    return brokerOutput(redisPublisher(spec, context.connectorName), {
      context,
      deadLetter,
      dryRun,
      verb: "XADD",
      messageOf: outgoingMessages(context.connectorName, spec.stream, spec),
    });
  },
});
