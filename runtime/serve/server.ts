import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
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

/**
 * A delivery to a webhook path goes straight to its receiver on Node's request (no fetch Request,
 * no router: the per-delivery cost that bounds acceptance); everything else, and any path that
 * needs decoding or a draining server's 503, goes through the Hono app, which answers the same.
 */
function nodeListener(options: ServeHttpOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const app = getRequestListener(createApp(options).fetch, { hostname: options.host });
  return (request, response) => {
    const url = request.url ?? "";
    const end = url.indexOf("?");
    const path = end === -1 ? url : url.slice(0, end);
    const receiver = path.startsWith("/") && !path.includes("%") ? options.receiver(path) : undefined;
    if (receiver?.handleNode && options.readiness.state !== "draining") void receiver.handleNode(request, response);
    else void app(request, response);
  };
}

export async function startHttpServer(options: ServeHttpOptions): Promise<HttpServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const created = createServer(nodeListener(options));
    created.listen(options.port, options.host, () => resolve(created));
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
