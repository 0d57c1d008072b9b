import type { WebhookInput } from "../../artifact/index.js";
import { describeError } from "../../errors/index.js";
import type { Clock } from "../../net/types.js";
import type { StateStore } from "../../state/index.js";
import { contentTypeRefusal, isRefusal, type Refusal, readLimitedBody } from "./body.js";
import { bodyHashOf, type DedupeRule, deliveryIdOf } from "./dedupe.js";
import { parseDelivery } from "./json.js";
import type { PayloadCheck } from "./payload-schema.js";
import { recordsOf } from "./records.js";
import type { HeaderReader, Verifier } from "./signature/index.js";

export type DeliveryOutcome = "accepted" | "duplicate" | "rejected";

/**
 * What the receiver reads of a request, whichever HTTP layer parsed it: a fetch `Request`
 * (fromRequest) or, on serve's fast path, Node's own request (node-delivery.ts), which spares the
 * Request, AbortSignal and web stream built per delivery.
 */
export interface IncomingDelivery {
  method: string;
  headers: HeaderReader;
  /** The raw body, refused (413) as soon as it exceeds `limit` bytes. */
  readBody(limit: number): Promise<Uint8Array | Refusal>;
}

/** The answer, written by the same HTTP layer: a JSON body and its extra headers. */
export interface DeliveryAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export function fromRequest(request: Request): IncomingDelivery {
  return {
    method: request.method,
    headers: request.headers,
    readBody: (limit) => readLimitedBody(request, limit),
  };
}

export function toResponse(answer: DeliveryAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export interface ReceiverParts {
  connector: string;
  /** Secrets already resolved. */
  input: WebhookInput;
  store: StateStore;
  clock: Clock;
  verify: Verifier;
  checkPayload: PayloadCheck;
  dedupe: DedupeRule | undefined;
  /** Told every outcome, with the reason of a refusal (never a secret or the body). */
  report(outcome: DeliveryOutcome, status: number, reason?: string): void;
}

/**
 * One delivery, checked in the order that costs an attacker most and us least: method, media type,
 * size, signature over the raw bytes, then decoding and parsing. Nothing is stored before the end.
 */
export async function receiveDelivery(parts: ReceiverParts, request: IncomingDelivery): Promise<DeliveryAnswer> {
  const { input } = parts;
  const refuse = (refusal: Refusal, headers: Record<string, string> = {}) => {
    parts.report("rejected", refusal.status, refusal.reason);
    return answer(refusal.status, { error: refusal.reason }, headers);
  };
  if (!(input.methods as string[]).includes(request.method)) {
    return refuse({ status: 405, reason: `method ${request.method} not allowed` }, { allow: input.methods.join(", ") });
  }
  const badType = contentTypeRefusal(request.headers.get("content-type"), input.contentTypes);
  if (badType) return refuse(badType);
  const bytes = await request.readBody(input.maxBodySize);
  if (isRefusal(bytes)) return refuse(bytes);
  const now = parts.clock.now();
  const verdict = parts.verify(request.headers, bytes, now);
  if (!verdict.ok) return refuse({ status: 401, reason: `signature refused: ${verdict.reason}` });
  const parsed = parseDelivery(bytes);
  if (isRefusal(parsed)) return refuse(parsed);
  const mismatch = parts.checkPayload(parsed.value) ?? orNothing(recordsOf(parsed.value, input.records));
  if (mismatch) return refuse({ status: 422, reason: mismatch });
  const id = deliveryIdOf(parts.dedupe, request.headers, parsed.value);
  if ("missing" in id) return refuse({ status: 400, reason: id.missing });
  let outcome: "accepted" | "duplicate";
  try {
    outcome = await parts.store.webhooks.enqueue({
      connector: parts.connector,
      deliveryId: id.id,
      body: parsed.text,
      receivedAt: now,
      windowMs: parts.dedupe?.windowMs ?? 0,
      bodyHash: bodyHashOf(parts.dedupe, bytes),
    });
  } catch (error) {
    // Not stored, so not accepted: the sender retries later.
    parts.report("rejected", 503, `cannot store the delivery: ${describeError(error)}`);
    return answer(503, { error: "the delivery could not be stored; retry later" }, { "retry-after": "5" });
  }
  const stored = STORED[outcome];
  parts.report(outcome, stored.status);
  return stored;
}

function orNothing(records: unknown): string | undefined {
  return typeof records === "string" ? records : undefined;
}

/** The two answers to a stored delivery, built once: every accepted delivery gets one of them. */
const STORED: Readonly<Record<"accepted" | "duplicate", DeliveryAnswer>> = {
  accepted: frozen(answer(202, { status: "accepted" })),
  duplicate: frozen(answer(200, { status: "duplicate" })),
};

function frozen(shared: DeliveryAnswer): DeliveryAnswer {
  Object.freeze(shared.headers);
  return Object.freeze(shared);
}

function answer(status: number, body: Record<string, string>, headers: Record<string, string> = {}): DeliveryAnswer {
  return {
    status,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  };
}
