import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The target the webhook connector writes to: it records each record id it acknowledged. */
export interface Sink {
  url: string;
  /** Ids acknowledged with 200, with how many times each arrived. */
  readonly received: Map<number, number>;
  close(): Promise<void>;
}

/**
 * `hold`: the sink never answers (until closed), so serve's run waits on its first send and serve
 * only stores and answers: its acceptance alone, beside the baseline that does nothing else.
 */
export async function startSink(options: { hold?: boolean } = {}): Promise<Sink> {
  const received = new Map<number, number>();
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    if (options.hold) {
      held.push(res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: number } | { id: number }[];
      for (const record of Array.isArray(body) ? body : [body]) {
        received.set(record.id, (received.get(record.id) ?? 0) + 1);
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      for (const res of held.splice(0)) res.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
