import type { ConsumerMessages, JetStreamManager, JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { durationMs } from "../../artifact/common.js";
import { brokerAddress } from "../../brokers/broker-address.js";
import { brokerPages, overRedeliveryLimit } from "../../brokers/broker-input.js";
import { Inbox } from "../../brokers/inbox.js";
import { connectNats } from "../../brokers/nats-connection.js";
import type { InputModule, ModuleContext } from "../../engine/modules.js";
import type { NatsInput } from "./schema.js";

/**
 * Consumes a durable pull consumer. A message is acknowledged when the engine says its page is
 * settled (every output acknowledged it); one delivered more often than the redelivery limit
 * allows is dead-lettered and then terminated, so the broker never sends it again. The client
 * reconnects by itself and the consumer pulls again after a reconnect; an acknowledgement made
 * while disconnected is sent once the connection is back.
 */
export function createNatsInput(
  spec: NatsInput,
  context: Pick<ModuleContext, "logger" | "signal">,
  maxDepth: number | undefined,
  dryRun = false,
): InputModule {
  const address = `${brokerAddress(spec.url)}/${spec.stream}/${spec.consumer}`;
  const inbox = new Inbox();
  // Delivered and not settled: given back (nak) at close, so they are redelivered now, not after ackWait.
  const unsettled = new Set<JsMsg>();
  let connection: NatsConnection | undefined;
  let messages: ConsumerMessages | undefined;
  let closing = false;

  const open = async () => {
    connection = await connectNats(spec.url, `cannectors ${spec.consumer}`);
    const { jetstream, jetstreamManager } = await import("@nats-io/jetstream");
    await ensureConsumer(await jetstreamManager(connection), spec);
    const consumer = await jetstream(connection).consumers.get(spec.stream, spec.consumer);
    messages = await consumer.consume({ max_messages: spec.prefetch });
    void pump(messages);
    void watch(connection);
  };

  const pump = async (from: ConsumerMessages) => {
    try {
      for await (const message of from) receive(message);
    } catch (error) {
      if (!closing) inbox.fail(error);
    }
  };

  const watch = async (from: NatsConnection) => {
    for await (const status of from.status()) {
      if (status.type === "disconnect") context.logger.warn("broker connection lost, reconnecting", { broker: address });
      if (status.type === "reconnect") context.logger.info("broker connection reopened", { broker: address });
    }
  };

  const receive = (message: JsMsg) => {
    const where = `${address} message ${message.info.streamSequence}`;
    const failure = overRedeliveryLimit(message.info.deliveryCount - 1, spec.redeliveryLimit);
    if (failure) context.logger.warn("message dead-lettered", { message: where, reason: failure, to: "file" });
    unsettled.add(message);
    const settled = () => {
      if (!unsettled.delete(message) || dryRun) return;
      if (failure) message.term(failure);
      else message.ack();
    };
    inbox.push({ body: message.data, settled, where, failure });
  };

  return {
    pages: () =>
      brokerPages(address, open, inbox, { idleMs: durationMs(spec.idleAfter), maxDepth, signal: context.signal }),
    async close() {
      closing = true;
      await messages?.close().catch(() => undefined);
      for (const message of unsettled) message.nak();
      unsettled.clear();
      await connection?.flush().catch(() => undefined);
      await connection?.close().catch(() => undefined);
    },
  };
}

/** The durable consumer as found, or created with explicit acks and the prefetch as its in-flight bound. */
async function ensureConsumer(manager: JetStreamManager, spec: NatsInput): Promise<void> {
  const { AckPolicy, JetStreamApiCodes, JetStreamApiError } = await import("@nats-io/jetstream");
  try {
    await manager.consumers.info(spec.stream, spec.consumer);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
    await manager.consumers.add(spec.stream, {
      durable_name: spec.consumer,
      ack_policy: AckPolicy.Explicit,
      max_ack_pending: spec.prefetch,
      ack_wait: durationMs(spec.ackWait) * 1_000_000,
      ...(spec.subject ? { filter_subject: spec.subject } : {}),
    });
  }
}
