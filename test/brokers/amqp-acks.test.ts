/**
 * The AMQP input's batched acknowledgements against RabbitMQ on 127.0.0.1:5672: messages settled in
 * and out of order are acknowledged exactly (the broker keeps only the unsettled ones, and never
 * closes the channel for an unknown delivery tag), in fewer frames than messages.
 */
import amqp, { type Channel, type ConsumeMessage } from "amqplib";
import { describe, expect } from "vitest";
import { ChannelAcks } from "../../runtime/modules/input-amqp/channel-acks.js";
import { BROKERS, brokerIt, cleanupsAfterEach, uniqueName } from "../support/brokers.js";
import { amqpAdminRemoving } from "./amqp-support.js";

const it = await brokerIt("rabbitmq");
const cleanups = cleanupsAfterEach();

/** A channel consuming `queue` (prefetch 20) with its acknowledgements counted; the messages by body. */
async function consumer(queue: string, count: number) {
  const model = await amqp.connect(BROKERS.rabbitmq.url);
  cleanups.push(() => model.close().catch(() => undefined));
  const channel = await model.createChannel();
  const errors: Error[] = [];
  channel.on("error", (error: Error) => errors.push(error));
  await channel.prefetch(20);
  const frames: [number, boolean][] = [];
  const ack = channel.ack.bind(channel);
  channel.ack = (message, allUpTo) => {
    frames.push([message.fields.deliveryTag, allUpTo === true]);
    ack(message, allUpTo);
  };
  const byBody = new Map<string, ConsumeMessage>();
  await new Promise<void>((resolve) => {
    void channel.consume(queue, (message) => {
      if (message) byBody.set(message.content.toString(), message);
      if (byBody.size === count) resolve();
    });
  });
  return { channel: channel as Channel, byBody, frames, errors };
}

describe("amqp input acknowledgements", () => {
  it("acknowledges exactly what was settled, in and out of order, one frame for a settled run", async () => {
    const queue = uniqueName("acks");
    const a = await amqpAdminRemoving(cleanups, queue);
    await a.queue(queue);
    await a.publish(
      queue,
      Array.from({ length: 10 }, (_, i) => String(i + 1)),
    );
    const first = await consumer(queue, 10);
    const acks = new ChannelAcks(first.channel);
    for (const message of first.byBody.values()) acks.delivered(message);
    // 1-3 settled in order, 5-6 ahead of the unsettled 4, 8 answered otherwise (as a nack would).
    for (const body of ["2", "1", "3", "6", "5"]) acks.settled(first.byBody.get(body)!.fields.deliveryTag);
    acks.answered(first.byBody.get("8")!);
    first.channel.nack(first.byBody.get("8")!, false, false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(first.frames).toEqual([[first.byBody.get("3")!.fields.deliveryTag, true]]);
    acks.settled(first.byBody.get("4")!.fields.deliveryTag);
    acks.flush(false);
    // 4 closed the gap: one frame up to 6.
    expect(first.frames.at(-1)).toEqual([first.byBody.get("6")!.fields.deliveryTag, true]);
    acks.settled(first.byBody.get("10")!.fields.deliveryTag);
    acks.flush(true);
    expect(first.frames.at(-1)).toEqual([first.byBody.get("10")!.fields.deliveryTag, false]);
    expect(first.frames).toHaveLength(3);
    await first.channel.close();
    expect(first.errors).toEqual([]);
    // Settled after the channel closed (before its input heard of it): nothing written, nothing thrown.
    acks.settled(first.byBody.get("7")!.fields.deliveryTag);
    expect(() => acks.flush(true)).not.toThrow();
    // The broker gives back only what was never settled.
    const again = await consumer(queue, 2);
    expect([...again.byBody.keys()].sort()).toEqual(["7", "9"]);
  }, 30_000);
});
