import { brokerOutput } from "../../brokers/broker-output.js";
import { outgoingMessages } from "../../brokers/outgoing-message.js";
import { outputKind } from "../module.js";
import { amqpPublisher } from "./amqp-output.js";
import { AmqpOutput } from "./schema.js";

export const amqpOutput = outputKind({
  type: "amqp",
  schema: AmqpOutput,
  create(spec, { context, deadLetter, dryRun, contract }) {
    return brokerOutput(amqpPublisher(spec), {
      context,
      deadLetter,
      dryRun,
      contract,
      verb: "PUBLISH",
      messageOf: outgoingMessages(context.connectorName, spec.routingKey, spec),
    });
  },
});
