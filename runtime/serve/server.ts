import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { healthz, type Readiness, readyz } from "./health.js";
import type { WebhookReceiver } from "./webhook-port.js";

export interface ServeHttpOptions {
  host: string;
  port: number;
  readiness: Readiness;
  /** May read the state store (queue depths) first. */
  metrics: () => string | Promise<string>;
  /** Looked up per request, so a reload swaps receivers without restarting the server. */
  receiver: (path: string) => WebhookReceiver | undefined;
}

export interface HttpServer {
  /** e.g. http://127.0.0.1:43117 */
  url: string;
  /** Stops accepting connections; resolves when those in progress have been answered. */
  close(): Promise<void>;
}

export function createApp(options: Omit<ServeHttpOptions, "host" | "port">): Hono {
  const app = new Hono();
  app.get("/healthz", () => healthz());
  app.get("/readyz", () => readyz(options.readiness));
  app.get(
    "/metrics",
    async () =>
      new Response(await options.metrics(), {
        headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
      }),
  );
  app.all("*", (c) => {
    const receiver = options.receiver(c.req.path);
    if (!receiver) return c.json({ error: "not found" }, 404);
    if (options.readiness.state === "draining") return c.json({ error: "shutting down" }, 503);
    return receiver.handle(c.req.raw);
  });
  return app;
}

export async function startHttpServer(options: ServeHttpOptions): Promise<HttpServer> {
  const app = createApp(options);
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolve(created as Server),
    ) as Server;
    created.once("error", (error) =>
      reject(
        new CannectorsError(ErrorCodes.LISTEN, `cannot listen on ${options.host}:${options.port}`, { cause: error }),
      ),
    );
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets with no request in progress would hold close() open.
        server.closeIdleConnections();
      }),
  };
}
