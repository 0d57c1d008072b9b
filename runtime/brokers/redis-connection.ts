import type { Redis } from "ioredis";

/**
 * Connects to Redis from a `redis://user:password@host:6379/db` URL. ioredis loads on the first
 * connection only. It reconnects by itself, without limit, and sends again what a dropped
 * connection left unanswered: commands wait while it reconnects instead of failing.
 */
export async function connectRedis(url: string, name: string): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    connectionName: name.replace(/[^A-Za-z0-9_-]/g, "_"),
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(50 * times, 2_000),
    lazyConnect: true,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    // Stop its own reconnecting: the caller connects again with a new client.
    client.disconnect();
    throw error;
  }
  return client;
}
