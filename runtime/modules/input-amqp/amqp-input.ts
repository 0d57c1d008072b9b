import type { Channel, ChannelModel, ConsumeMessage } from "amqplib";

/** amqplib loads on the first connection only: a connector without a broker never pays its start-up. */
const connectAmqp = async (url: string) => (await import("amqplib")).default.connect(url);
import { durationMs } from "../../artifact/common.js";
import { brokerAddress, pause } from "../../brokers/broker-address.js";
import { Inbox } from "../../brokers/inbox.js";
import type { InputModule, ModuleContext, SourcePage } from "../../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes } from "../../errors/index.js";
import { ChannelAcks } from "./channel-acks.js";
import type { AmqpInput } from "./schema.js";

/**
 * Consumes one queue with manual acknowledgement. A message is acknowledged when the engine says
 * its page is settled, that is once every output acknowledged the records it produced; the
 * acknowledgements settled in one turn of the event loop go out together (channel-acks.ts). A
 * dropped connection is reopened; what the old channel delivered and did not acknowledge the broker
 * redelivers, so its late acknowledgements are ignored.
 */
export function createAmqpInput(
  spec: AmqpInput,
  context: Pick<ModuleContext, "logger" | "signal" | "redactor" | "broker" | "pageSize">,
  maxDepth: number | undefined,
  dryRun = false,
): InputModule {
  const address = `${brokerAddress(spec.url)}/${spec.queue}`;
  const inbox = new Inbox(context.broker, context.pageSize);
  let model: ChannelModel | undefined;
  let channel: Channel | undefined;
  let acks: ChannelAcks | undefined;
  let generation = 0;
  let closing = false;

  const open = async () => {
    const opened = await connectAmqp(spec.url);
    const opening = await opened.createChannel();
    await opening.prefetch(spec.prefetch);
    const mine = ++generation;
    model = opened;
    channel = opening;
    acks = new ChannelAcks(opening);
    opened.on("error", () => undefined);
    opened.on("close", () => lost(mine));
    opening.on("error", () => undefined);
    opening.on("close", () => lost(mine));
    await opening.consume(spec.queue, (message) => (message ? receive(message, mine) : lost(mine)), { noAck: false });
    inbox.resume();
  };

  // With outputs slower than idleAfter, the queue holds ready messages beyond the prefetch: a drain
  // waits for them (up to BACKLOG_LIMIT_MS without one arriving). A dry run holds its prefetch on purpose.
  let received = 0;
  let emptyAt: number | undefined;
  if (!dryRun)
    inbox.awaitBacklog(async () => {
      if (!model) return false;
      if ((await readyIn(model, spec.queue)) > 0) return true;
      // AMQP does not tell how many are on their way (sent as our acks freed room, not arrived yet):
      // the first time the queue is seen empty since the last arrival, one more idle period.
      const first = emptyAt !== received;
      emptyAt = received;
      return first;
    }, BACKLOG_LIMIT_MS);

  const receive = (message: ConsumeMessage, mine: number) => {
    received++;
    if (mine === generation) acks?.delivered(message);
    const redeliveries = redeliveriesOf(message);
    const tag = message.fields.deliveryTag;
    const where = `${address} message ${tag}`;
    if (redeliveries > spec.redeliveryLimit) {
      const reason = `redelivered ${redeliveries} times, over the limit of ${spec.redeliveryLimit}`;
      context.logger.warn("message dead-lettered", { message: where, reason, to: spec.deadLetter });
      if (spec.deadLetter === "broker") {
        if (!dryRun) channel?.nack(message, false, false);
        if (mine === generation) acks?.answered(message);
        inbox.deadLettered();
        return;
      }
      inbox.push({ body: message.content, settled: () => ack(tag, mine), where, failure: reason });
      return;
    }
    inbox.push({ body: message.content, settled: () => ack(tag, mine), where });
  };

  // A message from a channel since lost is redelivered by the broker: its acknowledgement has nowhere to go.
  // Only its delivery tag is kept until then, not the message (its content is a view into a socket chunk).
  const ack = (tag: number, mine: number) => {
    if (mine === generation && !dryRun) acks?.settled(tag);
  };

  const lost = (mine: number) => {
    if (closing || mine !== generation) return;
    generation++;
    channel = undefined;
    acks?.stop();
    acks = undefined;
    inbox.drop();
    context.logger.warn("broker connection lost, reconnecting", { broker: address });
    void reconnect();
  };

  const reconnect = async () => {
    for (let attempt = 0; !closing && !context.signal.aborted; attempt++) {
      await pause(Math.min(100 * 2 ** attempt, 5_000), context.signal);
      try {
        await open();
        context.logger.info("broker connection reopened", { broker: address });
        return;
      } catch (error) {
        context.logger.warn("broker reconnect failed", { broker: address, error: describeError(error) });
      }
    }
  };

  return {
    async *pages(): AsyncGenerator<SourcePage> {
      try {
        await open();
      } catch (error) {
        throw new CannectorsError(ErrorCodes.BROKER, `cannot consume ${address}: ${describeError(error)}`, {
          cause: error,
        });
      }
      yield* inbox.pages(durationMs(spec.idleAfter), maxDepth, context.signal);
    },
    async close() {
      closing = true;
      if (!dryRun) acks?.flush(true);
      acks?.stop();
      await channel?.close().catch(() => undefined);
      await model?.close().catch(() => undefined);
    },
  };
}

/** How long a drain waits, idle, while the queue still holds ready messages. */
const BACKLOG_LIMIT_MS = 30_000;

/** Ready messages in `queue`, asked on a channel of its own: a failed check closes only that channel. */
async function readyIn(model: ChannelModel, queue: string): Promise<number> {
  const checking = await model.createChannel();
  checking.on("error", () => undefined);
  try {
    return (await checking.checkQueue(queue)).messageCount;
  } finally {
    await checking.close().catch(() => undefined);
  }
}

/** Redeliveries so far: a quorum queue counts them in x-delivery-count; a classic queue only flags one. */
function redeliveriesOf(message: ConsumeMessage): number {
  const count = message.properties.headers?.["x-delivery-count"];
  if (typeof count === "number") return count;
  return message.fields.redelivered ? 1 : 0;
}
