import type { Consumer, JetStreamManager, JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { durationMs } from "../../artifact/common.js";
import { brokerAddress, pause } from "../../brokers/broker-address.js";
import { Consumption } from "../../brokers/broker-input.js";
import { connectNats } from "../../brokers/nats-connection.js";
import type { InputModule, ModuleContext } from "../../engine/modules.js";
import { describeError } from "../../errors/index.js";
import type { NatsInput } from "./schema.js";

/** How long one pull request waits for messages: also how long closing waits for the last one to end. */
const PULL_EXPIRES_MS = 1_000;
/** Tries of one acknowledgement across reconnects, 2 s each. */
const ACK_ATTEMPTS = 10;

/**
 * Consumes a durable pull consumer with explicit pulls: at most `prefetch` messages unsettled, a
 * new pull once half of them are settled. A message is acknowledged when the engine says its page
 * is settled (every output acknowledged it); one delivered more often than the redelivery limit
 * allows is dead-lettered, then terminated so the broker never sends it again. The client
 * reconnects by itself; an acknowledgement made while disconnected is sent once it is back.
 * A dry run acknowledges nothing and reads at most `prefetch` messages.
 * At close the last pull request is let expire before the unsettled messages are given back (nak):
 * the server would otherwise redeliver them into that pull, to a client that is gone.
 */
export function createNatsInput(
  spec: NatsInput,
  context: Pick<ModuleContext, "logger" | "signal" | "broker" | "pageSize">,
  maxDepth: number | undefined,
  dryRun = false,
): InputModule {
  const address = `${brokerAddress(spec.url)}/${spec.stream}/${spec.consumer}`;
  const consumption = Consumption.of<JsMsg>(address, spec, context, dryRun);
  const { inbox, unsettled } = consumption;
  let connection: NatsConnection | undefined;
  let pulling: Promise<void> | undefined;

  const open = async () => {
    connection = await connectNats(spec.url, `cannectors ${spec.consumer}`);
    const { jetstream, jetstreamManager } = await import("@nats-io/jetstream");
    const manager = await jetstreamManager(connection);
    await ensureConsumer(manager, spec);
    // Pulled messages lost with a cut connection come back after ackWait: a drain waits for them.
    consumption.awaitBacklog(async () => {
      const info = await manager.consumers.info(spec.stream, spec.consumer);
      return { undelivered: info.num_pending, unacknowledged: info.num_ack_pending };
    }, durationMs(spec.ackWait) * 2);
    const consumer = await jetstream(connection).consumers.get(spec.stream, spec.consumer);
    pulling = pull(consumer);
    void watch(connection);
  };

  const pull = async (consumer: Consumer) => {
    for (let room = await consumption.room(); room !== undefined; room = await consumption.room()) {
      try {
        const batch = await consumer.fetch({ max_messages: room, expires: PULL_EXPIRES_MS });
        for await (const message of batch) receive(message);
      } catch (error) {
        if (consumption.closing) return;
        context.logger.warn("pull failed, pulling again", { broker: address, error: describeError(error) });
        await pause(250, context.signal);
      }
    }
  };

  const watch = async (from: NatsConnection) => {
    for await (const status of from.status()) {
      if (status.type === "disconnect") {
        inbox.hold();
        context.logger.warn("broker connection lost, reconnecting", { broker: address });
      }
      if (status.type === "reconnect") {
        inbox.resume();
        context.logger.info("broker connection reopened", { broker: address });
      }
    }
  };

  const receive = (message: JsMsg) => {
    unsettled.add(message);
    if (consumption.closing) return;
    const where = `${address} message ${message.info.streamSequence}`;
    const failure = consumption.overLimit(message.info.deliveryCount - 1, where);
    // "+TERM" without its reason: a server before 2.10 does not read "+TERM <reason>" as a term.
    const settled = () => consumption.settle(message) && confirm(message, failure ? "+TERM" : "+ACK");
    inbox.push({ body: message.data, settled, where, failure });
  };

  // An acknowledgement written just before a connection drops is lost, and the message would come
  // back after ackWait: each is confirmed by the server (ackAck) and sent again until it is.
  const confirm = (message: JsMsg, verb: "+ACK" | "+TERM") => {
    const done = (async () => {
      // Not message.ackAck(): the client sends a message's acknowledgement once, never again.
      const subject = ackSubjectOf(message);
      for (let attempt = 0; attempt < ACK_ATTEMPTS && subject; attempt++) {
        const sent = connection?.request(subject, verb, { timeout: 2_000 });
        if (await sent?.then(() => true).catch(() => false)) return;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
      context.logger.warn("acknowledgement not confirmed: the broker redelivers the message after ackWait", {
        broker: address,
        message: message.info.streamSequence,
      });
    })();
    consumption.track(done);
  };

  return consumption.input(
    open,
    { idleMs: durationMs(spec.idleAfter), maxDepth, signal: context.signal },
    {
      stopped: () => pulling,
      async release() {
        for (const message of unsettled) message.nak();
        unsettled.clear();
        await connection?.flush().catch(() => undefined);
        await connection?.close().catch(() => undefined);
      },
    },
  );
}

/** The message's `$JS.ACK...` subject: the client's message object has it, its public type does not. */
const ackSubjectOf = (message: JsMsg) => (message as JsMsg & { reply?: string }).reply;

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
