/**
 * Test support: the message brokers on loopback (RabbitMQ 5672, NATS 4222, Mosquitto 1883, Redis
 * 6379). A broker that does not answer skips its tests with a message, except under CI=true, where
 * its tests fail (as test/support/state-backends.ts does for PostgreSQL).
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterEach, it } from "vitest";

export const BROKERS = {
  rabbitmq: { port: 5672, url: process.env.CANNECTORS_TEST_AMQP ?? "amqp://guest:guest@127.0.0.1:5672" },
  nats: { port: 4222, url: "nats://127.0.0.1:4222" },
  mosquitto: { port: 1883, url: "mqtt://127.0.0.1:1883" },
  redis: { port: 6379, url: "redis://127.0.0.1:6379" },
} as const;

export type BrokerName = keyof typeof BROKERS;

function reachable(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1500);
    socket.once("connect", () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("timed out");
    });
    socket.once("error", (error) => resolve(error.message));
  });
}

/** `it`, or a test that explains the skip (fails under CI=true) when the broker is not listening. */
export async function brokerIt(name: BrokerName): Promise<typeof it> {
  const problem = await reachable(BROKERS[name].port);
  if (problem === undefined) return it;
  const why = `${name} not reachable on 127.0.0.1:${BROKERS[name].port} (${problem})`;
  if (process.env.CI === "true") {
    return ((title: string) =>
      it(title, () => {
        throw new Error(`${why}: CI needs it`);
      })) as unknown as typeof it;
  }
  console.warn(`skipping ${name} tests: ${why}`);
  return it.skip as unknown as typeof it;
}

/** A queue, stream, subject or topic name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** What a test opened, closed after it in reverse order: the list to push each close onto. */
export function cleanupsAfterEach(): (() => Promise<unknown>)[] {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
