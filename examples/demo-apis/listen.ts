import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/errors.js";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a Hono app on a node:http server; port 0 picks an ephemeral port. */
export async function listen(app: Hono, name: string, host: string, port: number): Promise<RunningServer> {
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    const onError = (cause: Error) =>
      reject(
        new CannectorsError(ErrorCodes.HTTP_NETWORK, `${name}: cannot listen on ${host}:${port}: ${cause.message}`, {
          cause,
          details: { host, port },
        }),
      );
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
