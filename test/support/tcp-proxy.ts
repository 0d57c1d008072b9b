import net from "node:net";

/** A loopback TCP proxy the test controls: `cut()` drops every open connection (new ones still pass). */
export interface TcpProxy {
  port: number;
  /** Connections opened so far. */
  readonly connections: number;
  cut(): void;
  /** While refusing, new connections are closed at once: the broker looks down until `refuse(false)`. */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let connections = 0;
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return client.destroy();
    connections++;
    const upstream = net.connect({ host: "127.0.0.1", port: targetPort });
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return connections;
    },
    cut() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    refuse(on) {
      refusing = on;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
