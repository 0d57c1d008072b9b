import type { MqttClient } from "mqtt";
import { brokerAddress } from "../../brokers/broker-address.js";
import type { Publisher } from "../../brokers/broker-output.js";
import { connectMqtt } from "../../brokers/mqtt-connection.js";
import type { OutgoingMessage } from "../../brokers/outgoing-message.js";
import type { MqttOutput } from "./schema.js";

/** The user property carrying the message key: MQTT has none of its own. */
export const MQTT_KEY_PROPERTY = "Message-Key";

/** PUBACK reason codes from 0x80 are the broker's refusal of that message (MQTT 5). */
const REFUSED = 0x80;

/**
 * Publishes a batch at QoS 1 at once and resolves once the broker sent a PUBACK for each. A PUBACK
 * with an error reason code (not authorized, quota exceeded...) is that record's dead letter; a
 * lost connection fails the batch, which is published again on a new connection (MQTT has no
 * de-duplication: the idempotency key, a user property, lets the consumer drop a copy).
 */
export function mqttPublisher(spec: MqttOutput, connectorName: string): Publisher {
  let opened: Promise<MqttClient> | undefined;
  const clientId =
    spec.clientId ??
    `cannectors-${connectorName.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 32)}-${Math.random().toString(36).slice(2, 10)}`;
  const connect = () =>
    connectMqtt(spec.url, { clientId, clean: true, protocolVersion: 5, reconnectPeriod: 0, queueQoSZero: false });
  return {
    address: brokerAddress(spec.url),
    async publish(messages) {
      opened ??= connect();
      const client = await opened;
      let closed: () => void = () => undefined;
      const lost = new Promise<never>((_, reject) => {
        closed = () => reject(new Error("the broker connection closed before every PUBACK"));
        if (!client.connected) closed();
        client.once("close", closed);
      });
      lost.catch(() => undefined);
      return Promise.race([Promise.all(messages.map((message) => publishOne(client, spec, message))), lost]).finally(
        () => client.removeListener("close", closed),
      );
    },
    reset() {
      const current = opened;
      opened = undefined;
      void current?.then((client) => client.end(true)).catch(() => undefined);
    },
    async close() {
      const current = opened;
      opened = undefined;
      if (current) await current.then((client) => client.endAsync()).catch(() => undefined);
    },
  };
}

/** Resolves undefined once acknowledged, or why the broker refused the message; rejects on a lost connection. */
function publishOne(client: MqttClient, spec: MqttOutput, message: OutgoingMessage): Promise<string | undefined> {
  const userProperties: Record<string, string> = { ...message.headers };
  if (message.key !== undefined) userProperties[MQTT_KEY_PROPERTY] = message.key;
  return new Promise((resolve, reject) => {
    client.publish(
      message.destination,
      message.body,
      {
        qos: 1,
        retain: spec.retain,
        properties: { contentType: "application/json", payloadFormatIndicator: true, userProperties },
      },
      (error, packet) => {
        const code = (error as { code?: number } | undefined)?.code ?? (packet as { reasonCode?: number })?.reasonCode;
        if (typeof code === "number" && code >= REFUSED)
          resolve(`the broker refused the message (reason code ${code})`);
        else if (error) reject(error);
        else resolve(undefined);
      },
    );
  });
}
