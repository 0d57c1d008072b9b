import { inputKind } from "../module.js";
import { createMqttInput } from "./mqtt-input.js";
import { MqttInput } from "./schema.js";

export const mqttInput = inputKind({
  type: "mqtt",
  schema: MqttInput,
  create(spec, { context, maxDepth, dryRun }) {
    return createMqttInput(spec, context, maxDepth, dryRun === true);
  },
});
