import { brokerOutput } from "../../brokers/broker-output.js";
import { outgoingMessages } from "../../brokers/outgoing-message.js";
import { outputKind } from "../module.js";
import { natsPublisher } from "./nats-output.js";
import { NatsOutput } from "./schema.js";

export const natsOutput = outputKind({
  type: "nats",
  schema: NatsOutput,
  create(spec, { context, deadLetter, dryRun }) {
    return brokerOutput(natsPublisher(spec, context.connectorName), {
      context,
      deadLetter,
      dryRun,
      verb: "PUBLISH",
      messageOf: outgoingMessages(context.connectorName, spec.subject, spec),
    });
  },
});
