import type { IClientOptions, MqttClient } from "mqtt";

/**
 * An MQTT client for a `mqtt://user:password@host:1883` URL (the client reads the credentials
 * from it). mqtt.js loads on the first connection only: a connector without MQTT never pays its
 * start-up. `prepare` runs before the connection is opened: an input sets its message handler there,
 * as a resumed session's messages arrive right after the broker accepts the connection. Resolves
 * once connected; rejects with the first error or after `connectTimeout`.
 */
export async function connectMqtt(
  url: string,
  options: IClientOptions,
  prepare: (client: MqttClient) => void = () => undefined,
): Promise<MqttClient> {
  const { connect } = await import("mqtt");
  const client = connect(url, { connectTimeout: 10_000, ...options, manualConnect: true });
  prepare(client);
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      client.removeListener("connect", connected);
      client.end(true);
      reject(error);
    };
    const connected = () => {
      client.removeListener("error", failed);
      resolve();
    };
    client.once("connect", connected);
    client.once("error", failed);
    client.connect();
  });
  // Errors after the first connection are reconnected from (or fail a publish): never an unhandled 'error'.
  client.on("error", () => undefined);
  return client;
}
