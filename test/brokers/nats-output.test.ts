/**
 * The NATS output's publish acknowledgements (JetStreamAcks) against the server on 127.0.0.1:4222:
 * each acknowledgement answers its own message (a refusal lands on the right record), a subject no
 * stream captures fails the batch at once, a batch left unanswered fails and forgets its messages.
 */
import { createInbox, headers } from "@nats-io/nats-core";
import { describe, expect } from "vitest";
import { JetStreamAcks } from "../../runtime/modules/output-nats/jetstream-acks.js";
import { natsPublisher } from "../../runtime/modules/output-nats/nats-output.js";
import type { NatsOutput } from "../../runtime/modules/output-nats/schema.js";
import { brokerIt, cleanupsAfterEach, uniqueName } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { startTcpProxy } from "../support/tcp-proxy.js";
import { natsAdminWith, natsToNats } from "./nats-support.js";

const it = await brokerIt("nats");
const cleanups = cleanupsAfterEach();

const admin = (...streams: string[]) => natsAdminWith(cleanups, ...streams);

const LONG = new Set([7, 42, 43, 99]);
const body = (id: number) => `{"id":${id},"region":"eu","note":"${LONG.has(id) ? "x".repeat(2_000) : "short"}"}`;
const message = (subject: string, id: number) => ({
  subject,
  body: new TextEncoder().encode(body(id)),
  headers: headers(),
});

describe("nats output: JetStream publish acknowledgements", () => {
  it("dead-letters exactly the records the stream refuses (over its message size), with its reason; delivers the rest", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const a = await admin(from);
    await a.stream(to, { max_msg_size: 1_024 });
    await a.publish(
      from,
      Array.from({ length: 300 }, (_, i) => body(i)),
    );
    const { summary, dead } = await runYaml(natsToNats({ name: "nats-refused", from, to, batch: 40 }));
    expect(summary.error).toBeUndefined();
    expect(summary.counts.sent).toBe(296);
    const refused = dead.map((line) => JSON.parse(line));
    expect(refused.map((entry) => entry.record.id).sort((x: number, y: number) => x - y)).toEqual([7, 42, 43, 99]);
    for (const entry of refused) expect(entry.reason).toMatch(/^the stream refused the message: .*maximum/);
    const out = (await a.read(to)).map((m) => JSON.parse(m.body).id as number);
    expect(out).toHaveLength(296);
    expect(out.some((id) => LONG.has(id))).toBe(false);
    expect(await a.outstanding(from, `${from}-reader`)).toBe(0);
  }, 60_000);

  it("fails a batch published to a subject no stream captures (no responders), without waiting for the timeout", async () => {
    const a = await admin();
    const acks = new JetStreamAcks(a.connection, createInbox(), 600_000);
    cleanups.push(async () => acks.close());
    const subject = uniqueName("nostream");
    await expect(acks.publish([message(subject, 1), message(subject, 2)])).rejects.toThrow(
      /no JetStream stream captures the subject/,
    );
    expect(acks.waiting).toBe(0);
  }, 30_000);

  it("fails a batch whose acknowledgements do not come, and forgets its messages", async () => {
    const a = await admin();
    const subject = uniqueName("silent");
    // A plain subscriber that never answers: the publishes have a responder, so no 503 comes either.
    const silent = a.connection.subscribe(subject, { callback: () => undefined });
    cleanups.push(async () => silent.unsubscribe());
    const acks = new JetStreamAcks(a.connection, createInbox(), 300);
    cleanups.push(async () => acks.close());
    await expect(acks.publish([message(subject, 1), message(subject, 2)])).rejects.toThrow(
      /no JetStream publish acknowledgement in time/,
    );
    expect(acks.waiting).toBe(0);
  }, 30_000);
});

describe("nats output: the first connection", () => {
  it("connects again on the next publish when the server was unreachable at the first one", async () => {
    const a = await admin();
    const subject = uniqueName("late");
    await a.stream(subject);
    const proxy = await startTcpProxy(4222);
    cleanups.push(() => proxy.close());
    proxy.refuse(true);
    const publisher = natsPublisher(
      { type: "nats", url: `nats://127.0.0.1:${proxy.port}`, subject } as NatsOutput,
      "late",
    );
    cleanups.push(() => publisher.close());
    const outgoing = (id: number) => ({
      body: Buffer.from(body(id)),
      destination: subject,
      headers: {},
      key: undefined,
      idempotencyKey: `late-${id}`,
    });
    await expect(publisher.publish([outgoing(1)])).rejects.toThrow();
    proxy.refuse(false);
    publisher.reset();
    expect(await publisher.publish([outgoing(1), outgoing(2)])).toEqual([undefined, undefined]);
    expect((await a.read(subject)).map((m) => JSON.parse(m.body).id)).toEqual([1, 2]);
  }, 30_000);
});
