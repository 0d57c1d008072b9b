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
    headers: { get: (name) => request.headersDistinct[name.toLowerCase()]?.join(", ") ?? null },
    readBody: (limit) => readNodeBody(request, limit),
  };
}

/** Reads the body, stopping as soon as it exceeds `limit` (the rest is not read: the connection closes). */
function readNodeBody(request: IncomingMessage, limit: number): Promise<Uint8Array | Refusal> {
  const tooLarge: Refusal = { status: 413, reason: `body larger than ${limit} bytes` };
  const declared = request.headers["content-length"];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: Uint8Array | Refusal) => {
      request.off("data", onData).off("end", onEnd).off("error", onError).off("close", onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        request.pause();
        settle(tooLarge);
      } else chunks.push(chunk);
    };
    const onEnd = () => settle(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    const onError = () => settle({ status: 400, reason: "the request body could not be read" });
    request.on("data", onData).on("end", onEnd).on("error", onError).on("close", onError);
  });
}

/** Writes the answer; a refusal that left part of the body unread closes the connection. */
export function writeNodeAnswer(request: IncomingMessage, response: ServerResponse, answer: DeliveryAnswer): void {
  if (response.destroyed) return;
  const headers: Record<string, string | number> = {
    ...answer.headers,
    "content-length": Buffer.byteLength(answer.body),
  };
  if (!request.complete) headers.connection = "close";
  response.writeHead(answer.status, headers).end(answer.body);
}
