import type { IncomingMessage, ServerResponse } from "node:http";
import type { Refusal } from "./body.js";
import type { DeliveryAnswer, IncomingDelivery } from "./receiver.js";

/**
 * A Node request as the receiver reads it, without building a fetch Request: serve's fast path for
 * webhook deliveries (the profile of serve under load showed the Request, its AbortSignal and the
 * web stream over the body costing more than the delivery's own checks). Header values are joined
 * the way `Headers.get` joins them (every copy, ", "), not Node's `req.headers` way (which keeps
 * only the first copy of some), so a verifier sees the same value on both paths.
 */
export function fromNodeRequest(request: IncomingMessage): IncomingDelivery {
  return {
    method: request.method ?? "GET",
    headers: { get: (name) => rawHeader(request.rawHeaders, name.toLowerCase()) },
    readBody: (limit) => readNodeBody(request, limit),
  };
}

/**
 * Every copy of one header in the raw list, joined by ", ". Read from the raw list rather than
 * `headersDistinct`, which builds an object of arrays over every header of every request when the
 * receiver reads two or three (content type, delivery id, signature).
 */
function rawHeader(raw: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (let index = 0; index < raw.length; index += 2) {
    const key = raw[index] as string;
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const copy = raw[index + 1] as string;
    value = value === null ? copy : `${value}, ${copy}`;
  }
  return value;
}

/** Reads the body, stopping as soon as it exceeds `limit` (the rest is not read: the connection closes). */
function readNodeBody(request: IncomingMessage, limit: number): Promise<Uint8Array | Refusal> {
  const tooLarge: Refusal = { status: 413, reason: `body larger than ${limit} bytes` };
  const declared = request.headers["content-length"];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Settled once; the listeners are left on the request (it is done with either way): taking four
    // off per delivery cost more than the flag.
    let settled = false;
    const settle = (result: Uint8Array | Refusal) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.byteLength;
      if (size > limit) {
        request.pause();
        settle(tooLarge);
      } else chunks.push(chunk);
    });
    request.on("end", () => settle(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    const unreadable = () => settle({ status: 400, reason: "the request body could not be read" });
    request.on("error", unreadable).on("close", unreadable);
  });
}

/** Writes the answer; a refusal that left part of the body unread closes the connection. */
export function writeNodeAnswer(request: IncomingMessage, response: ServerResponse, answer: DeliveryAnswer): void {
  if (response.destroyed) return;
  // A flat [name, value, ...] list: no object spread per delivery, and Node validates it as it is.
  const headers: (string | number)[] = [];
  for (const name in answer.headers) headers.push(name, answer.headers[name] as string);
  headers.push("content-length", Buffer.byteLength(answer.body));
  if (!request.complete) headers.push("connection", "close");
  response.writeHead(answer.status, headers).end(answer.body);
}
