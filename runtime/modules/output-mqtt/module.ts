import { brokerOutput } from "../../brokers/broker-output.js";
import { outgoingMessages } from "../../brokers/outgoing-message.js";
import { outputKind } from "../module.js";
import { mqttPublisher } from "./mqtt-output.js";
import { MqttOutput } from "./schema.js";
import { fillTopic } from "./topic.js";

export const mqttOutput = outputKind({
  type: "mqtt",
  schema: MqttOutput,
  create(spec, { context, deadLetter, dryRun, contract }) {
    return brokerOutput(mqttPublisher(spec, context.connectorName), {
      context,
      deadLetter,
      dryRun,
      contract,
      verb: "PUBLISH",
      messageOf: outgoingMessages(context.connectorName, spec.topic, spec, fillTopic),
    });
  },
});
