import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isRefusal } from "./body.js";
import { fromNodeRequest, writeNodeAnswer } from "./node-delivery.js";

/** A server answering what fromNodeRequest read: the named header as Headers.get would give it, and the body. */
async function echoServer(limit: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const incoming = fromNodeRequest(req);
    void incoming.readBody(limit).then((body) => {
      const answer = isRefusal(body)
        ? { status: body.status, body: JSON.stringify(body), headers: {} }
        : {
            status: 200,
            body: JSON.stringify({ header: incoming.headers.get("X-Signature"), body: Buffer.from(body).toString() }),
            headers: {},
          };
      writeNodeAnswer(req, res, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A raw HTTP/1.1 request over a socket: a header named twice is sent twice, the body in chunks (chunked encoding). */
function send(port: number, headers: string[], chunks: string[]) {
  const encoded = chunks.map((chunk) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`).join("");
  const lines = ["POST /hook HTTP/1.1", "host: 127.0.0.1", "transfer-encoding: chunked", ...headers];
  return new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n${encoded}0\r\n\r\n`));
    let raw = "";
    socket.on("data", (chunk: Buffer) => {
      raw += chunk.toString();
      const [head = "", body = ""] = raw.split("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
      if (length >= 0 && Buffer.byteLength(body) >= length) {
        socket.end();
        const connection = /\r\nconnection: ([^\r]+)/i.exec(head)?.[1]?.toLowerCase();
        resolve({ status: Number(head.split(" ")[1]), connection, body });
      }
    });
    socket.on("error", reject);
  });
}

describe("serve's fast path: a webhook delivery read from Node's request", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("joins a header sent twice as Headers.get does, and reads a chunked body whole", async () => {
    const started = await echoServer(100);
    server = started.server;
    const answer = await send(started.port, ["x-signature: sha256=aa", "X-Signature: sha256=bb"], ['{"a":', "1}"]);
    expect(answer.status).toBe(200);
    const expected = new Headers([
      ["x-signature", "sha256=aa"],
      ["X-Signature", "sha256=bb"],
    ]).get("x-signature");
    expect(JSON.parse(answer.body)).toEqual({ header: expected, body: '{"a":1}' });
  });

  it("refuses a chunked body over the limit with 413 and closes the connection", async () => {
    const started = await echoServer(10);
    server = started.server;
    const answer = await send(started.port, [], ["0123456789", "0123456789"]);
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe("close");
  });

  it("refuses a declared content-length over the limit before reading", async () => {
    const started = await echoServer(10);
    server = started.server;
    const port = started.port;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write("POST /hook HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1000000\r\n\r\n0123"),
      );
      socket.on("data", (chunk: Buffer) => {
        resolve(chunk.toString());
        socket.destroy();
      });
      socket.on("error", reject);
    });
    expect(answer.split(" ")[1]).toBe("413");
  });
});
