import path from "node:path";
import type { IPublishPacket, MqttClient } from "mqtt";
import { durationMs } from "../../artifact/common.js";
import { brokerAddress } from "../../brokers/broker-address.js";
import { Consumption } from "../../brokers/broker-input.js";
import { connectMqtt } from "../../brokers/mqtt-connection.js";
import type { InputModule, ModuleContext } from "../../engine/modules.js";
import { DeliveryCounts } from "./delivery-counts.js";
import type { MqttInput } from "./schema.js";

/** mqtt.js's own packet writer: the only way to send a PUBACK later than its message handler returns. */
type PacketWriter = { _sendPacket(packet: object, done: () => void): void };

/**
 * Consumes QoS 1 messages in a persistent session (fixed client id; MQTT 5 session expiry, or a
 * 3.1.1 session without clean start). mqtt.js acknowledges a message when its message handler calls
 * back, and reads nothing more until it does: the handler here calls back at once without the
 * PUBACK, and the PUBACK is written once the engine says the message's page is settled. The broker's
 * in-flight window (`receiveMaximum` = prefetch, and its own `max_inflight_messages`) is the
 * back-pressure. A PUBACK goes only on the connection that delivered the message: after a
 * reconnect the broker sends again what it had in flight (DUP set), with packet ids that may be
 * reused, so late acknowledgements of the old connection are dropped. A dry run acknowledges nothing.
 */
export function createMqttInput(
  spec: MqttInput,
  context: Pick<ModuleContext, "logger" | "signal" | "broker" | "pageSize">,
  maxDepth: number | undefined,
  dryRun = false,
): InputModule {
  const address = `${brokerAddress(spec.url)}/${spec.clientId}`;
  const consumption = Consumption.of<string>(address, spec, context, dryRun);
  const { inbox, unsettled } = consumption;
  const counts = new DeliveryCounts(
    spec.deliveryCounts ?? path.join(".cannectors", "mqtt", `${spec.clientId}.deliveries.json`),
  );
  let client: MqttClient | undefined;
  let generation = 0;

  const open = async () => {
    const v5 = spec.protocolVersion === 5;
    client = await connectMqtt(
      spec.url,
      {
        clientId: spec.clientId,
        clean: false,
        protocolVersion: spec.protocolVersion,
        reconnectPeriod: 250,
        ...(v5
          ? {
              properties: {
                sessionExpiryInterval: Math.ceil(durationMs(spec.sessionExpiry) / 1_000),
                receiveMaximum: spec.prefetch,
              },
            }
          : {}),
      },
      (opening) => {
        opening.on("connect", () => {
          generation++;
          inbox.resume();
        });
        opening.on("close", () => {
          if (consumption.closing) return;
          // What this connection delivered and nobody pulled comes again on the next one.
          inbox.drop();
          context.logger.warn("broker connection lost, reconnecting", { broker: address });
        });
        opening.handleMessage = (packet, callback) => {
          if (packet.qos > 0) receive(packet, generation);
          // An error here means "no PUBACK now" to mqtt.js, which goes on reading: it is written at settle.
          callback(packet.qos > 0 ? new Error("acknowledged once settled") : undefined);
        };
      },
    );
    await client.subscribeAsync(spec.topics, { qos: 1 });
  };

  const receive = (packet: IPublishPacket, mine: number) => {
    if (consumption.closing) return;
    const messageId = packet.messageId!;
    const payload = typeof packet.payload === "string" ? Buffer.from(packet.payload) : packet.payload;
    const id = `${mine}:${messageId}`;
    unsettled.add(id);
    const where = `${address} ${packet.topic} message ${messageId}`;
    const key = DeliveryCounts.keyOf(messageId, packet.topic, payload);
    const failure = packet.dup ? consumption.overLimit(counts.redelivered(key), where) : undefined;
    const settled = () => {
      if (!consumption.settle(id)) return;
      counts.forget(key);
      if (mine !== generation || !client?.connected) return;
      const writer = client as unknown as PacketWriter;
      consumption.track(
        new Promise<void>((resolve) => writer._sendPacket({ cmd: "puback", messageId, reasonCode: 0 }, resolve)),
      );
    };
    inbox.push({ body: payload, settled, where, failure });
  };

  return consumption.input(
    open,
    { idleMs: durationMs(spec.idleAfter), maxDepth, signal: context.signal },
    {
      stopped: () => undefined,
      async release() {
        // Unsettled messages stay in the session: the broker sends them again to the next run.
        counts.save();
        await client?.endAsync().catch(() => undefined);
      },
    },
  );
}
