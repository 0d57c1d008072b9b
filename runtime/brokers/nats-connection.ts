import type { NatsConnection } from "@nats-io/nats-core";

/**
 * Connects to NATS from a `nats://user:password@host:port` URL (or `nats://token@host`). The client
 * loads on the first connection only: a connector without NATS never pays its start-up. It
 * reconnects by itself, without limit and quickly: a broker restart or a cut connection is waited out.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  const { connect } = await import("@nats-io/transport-node");
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  const credentials = user && pass ? { user, pass } : user ? { token: user } : {};
  return connect({
    servers: `${parsed.hostname}:${parsed.port || "4222"}`,
    name,
    ...credentials,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    reconnectJitter: 100,
    waitOnFirstConnect: false,
  });
}
