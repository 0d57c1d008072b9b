/** Test support for the MQTT tests: persistent sessions of their own, publishing and reading topics with mqtt.js. */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { BROKERS } from "../support/brokers.js";
import { relayYaml } from "./relay-yaml.js";

export interface TopicMessage {
  topic: string;
  body: string;
  properties: Record<string, string>;
  retain: boolean;
}

const SESSION = { protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 600 } } as const;

/**
 * The readers' receive maximum. Mosquitto keeps at most this many QoS 1 messages in flight to a
 * reader (20, `max_inflight_messages`, when the reader names none) and queues the rest up to
 * `max_queued_messages` (1,000), dropping any more while still acknowledging them to the publisher.
 * A reader behind by more than 1,020 (a loaded test process) would lose messages the relay did
 * deliver; with 65,535 in flight nothing queues for it, so nothing is dropped (probe: 3,000
 * published to a reader that held its PUBACKs: 3,000 arrived, $SYS dropped unchanged; at 20: 1,020).
 */
const READER_RECEIVE_MAXIMUM = 65_535;

async function client(options: IClientOptions): Promise<MqttClient> {
  return mqtt.connectAsync(BROKERS.mosquitto.url, { reconnectPeriod: 0, ...options });
}

export async function mqttAdmin() {
  const publisher = await client({ protocolVersion: 5 });
  const sessions = new Set<string>();
  const readers: MqttClient[] = [];
  const files: string[] = [];
  return {
    /** A persistent session subscribed to `topic` at QoS 1, so that the broker queues what is published before a run. */
    async session(clientId: string, topic: string) {
      sessions.add(clientId);
      const c = await client({ clientId, ...SESSION });
      await c.subscribeAsync(topic, { qos: 1 });
      await c.endAsync();
    },
    async publish(topic: string, bodies: string[]) {
      for (let i = 0; i < bodies.length; i += 500) {
        await Promise.all(bodies.slice(i, i + 500).map((body) => publisher.publishAsync(topic, body, { qos: 1 })));
      }
    },
    /**
     * Publishes `bodies` while a run consumes them, at most `ahead` beyond what `consumed()` says:
     * the relay's session holds what it was not yet acknowledged, and while the relay is cut off
     * Mosquitto keeps at most 1,000 of those (`max_queued_messages`, in flight included) and drops
     * the rest. Held at most: `ahead` + 100 + the relay's prefetch.
     */
    async feed(topic: string, bodies: string[], consumed: () => number, ahead = 300) {
      for (let i = 0; i < bodies.length; i += 100) {
        while (i - consumed() > ahead) await new Promise((resolve) => setTimeout(resolve, 20));
        await this.publish(topic, bodies.slice(i, i + 100));
      }
    },
    /**
     * Every message published to `topic` from now on, as it arrives (a clean session at QoS 1). Its
     * receive maximum keeps everything in flight: the broker queues nothing for it, so drops nothing.
     */
    async subscribe(topic: string): Promise<TopicMessage[]> {
      const out: TopicMessage[] = [];
      const reader = await client({ protocolVersion: 5, properties: { receiveMaximum: READER_RECEIVE_MAXIMUM } });
      readers.push(reader);
      reader.on("message", (at, payload, packet) => {
        const properties: Record<string, string> = {};
        for (const [name, value] of Object.entries(packet.properties?.userProperties ?? {})) {
          properties[name] = Array.isArray(value) ? value[0]! : value;
        }
        out.push({ topic: at, body: payload.toString("utf8"), properties, retain: packet.retain });
      });
      await reader.subscribeAsync(topic, { qos: 1 });
      return out;
    },
    /** Messages the session `clientId` still holds (redelivered to it, not acknowledged): 0 once all were acknowledged. */
    async outstanding(clientId: string): Promise<number> {
      let count = 0;
      const c = mqtt.connect(BROKERS.mosquitto.url, { clientId, ...SESSION, reconnectPeriod: 0, manualConnect: true });
      c.handleMessage = (_packet, callback) => {
        count++;
        callback(new Error("not acknowledged: the session keeps the message"));
      };
      c.connect();
      await new Promise((resolve) => c.once("connect", resolve));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await c.endAsync();
      return count;
    },
    /** Clears the retained message of each topic (an empty retained message). */
    async publisherClear(topics: string[]) {
      for (const topic of topics) await publisher.publishAsync(topic, "", { qos: 1, retain: true });
    },
    /** A delivery-count file for `clientId`, removed at close. */
    countsFile(clientId: string): string {
      const file = path.join(tmpdir(), `cannectors-mqtt-${clientId}.json`);
      files.push(file);
      return file;
    },
    async close() {
      for (const reader of readers) await reader.endAsync();
      // A clean start with no expiry ends each session and what it queued.
      for (const clientId of sessions) {
        const c = await client({ clientId, protocolVersion: 5, clean: true, properties: { sessionExpiryInterval: 0 } });
        await c.endAsync();
      }
      for (const file of files) rmSync(file, { force: true });
      await publisher.endAsync();
    },
  };
}

/** A connector from topic `from` (session `clientId`) to topic `to/{region}`, with an idempotency key. */
export function mqttToMqtt(options: {
  name: string;
  clientId: string;
  from: string;
  to: string;
  counts: string;
  inUrl?: string;
  outUrl?: string;
  batch?: number;
  prefetch?: number;
}) {
  return relayYaml({
    name: options.name,
    input: `  type: mqtt\n  url: ${options.inUrl ?? BROKERS.mosquitto.url}\n  clientId: ${options.clientId}\n  topics: [${options.from}]\n  deliveryCounts: ${options.counts}`,
    output: `  type: mqtt\n  url: ${options.outUrl ?? BROKERS.mosquitto.url}\n  topic: ${options.to}/{region}`,
    batch: options.batch,
    prefetch: options.prefetch,
  });
}
