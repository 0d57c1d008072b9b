/** Test support for the NATS tests: streams of their own, publishing and reading them back with the NATS client. */
import { AckPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { BROKERS } from "../support/brokers.js";
import { relayYaml } from "./relay-yaml.js";

export interface StreamMessage {
  body: string;
  headers: Record<string, string>;
}

/** An admin closed by the test's cleanups, with `streams` created. */
export async function natsAdminWith(cleanups: (() => Promise<unknown>)[], ...streams: string[]) {
  const a = await natsAdmin();
  cleanups.push(() => a.close());
  for (const stream of streams) await a.stream(stream);
  return a;
}

export async function natsAdmin() {
  const connection = await connect({ servers: `127.0.0.1:${BROKERS.nats.port}` });
  const manager = await jetstreamManager(connection);
  const client = jetstream(connection);
  const streams: string[] = [];
  return {
    /** A stream capturing the subject of the same name, with a duplicate window for Nats-Msg-Id. */
    async stream(name: string, config: { max_msg_size?: number } = {}) {
      streams.push(name);
      await manager.streams.add({ name, subjects: [name], duplicate_window: 60_000_000_000, ...config });
    },
    async publish(subject: string, bodies: string[]) {
      for (let i = 0; i < bodies.length; i += 1_000) {
        await Promise.all(bodies.slice(i, i + 1_000).map((body) => client.publish(subject, body)));
      }
    },
    /** Every message in the stream, in order, read by an ephemeral consumer (the stream keeps them). */
    async read(stream: string): Promise<StreamMessage[]> {
      const total = (await manager.streams.info(stream)).state.messages;
      const out: StreamMessage[] = [];
      if (total === 0) return out;
      const reader = await manager.consumers.add(stream, { ack_policy: AckPolicy.None, inactive_threshold: 10e9 });
      const consumer = await client.consumers.get(stream, reader.name);
      const messages = await consumer.consume({ max_messages: 1_000 });
      for await (const message of messages) {
        const headers: Record<string, string> = {};
        for (const [name, values] of message.headers ?? []) headers[name] = values[0] ?? "";
        out.push({ body: message.string(), headers });
        if (out.length === total) break;
      }
      await manager.consumers.delete(stream, reader.name).catch(() => undefined);
      return out;
    },
    /** Messages of `consumer` neither delivered nor acknowledged yet: 0 once everything was acknowledged. */
    async outstanding(stream: string, consumer: string): Promise<number> {
      const info = await manager.consumers.info(stream, consumer);
      return info.num_pending + info.num_ack_pending;
    },
    connection,
    async close() {
      for (const name of streams) await manager.streams.delete(name).catch(() => undefined);
      await connection.close();
    },
  };
}

/** A connector from stream `from` (durable consumer `consumer`) to subject/stream `to`, with an idempotency key. */
export function natsToNats(options: {
  name: string;
  from: string;
  to: string;
  inUrl?: string;
  outUrl?: string;
  batch?: number;
  ackWait?: string;
}) {
  return relayYaml({
    name: options.name,
    input: `  type: nats\n  url: ${options.inUrl ?? BROKERS.nats.url}\n  stream: ${options.from}\n  consumer: ${options.from}-reader\n  ackWait: ${options.ackWait ?? "30s"}`,
    output: `  type: nats\n  url: ${options.outUrl ?? BROKERS.nats.url}\n  subject: ${options.to}`,
    batch: options.batch,
  });
}
