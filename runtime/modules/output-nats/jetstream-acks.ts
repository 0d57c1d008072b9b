import type { Msg, MsgHdrs, NatsConnection, Subscription } from "@nats-io/nats-core";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";

/** How long a batch waits for its last publish acknowledgement: the JetStream client's own default. */
export const ACK_TIMEOUT_MS = 5_000;

/** A message as JetStream receives it: subject, exact body, headers (with Nats-Msg-Id when it has one). */
export interface JetStreamMessage {
  subject: string;
  body: Uint8Array;
  headers: MsgHdrs;
}

interface Waiting {
  /** The batch's outcomes by position: undefined once acknowledged, or why the stream refused it. */
  results: (string | undefined)[];
  left: number;
  resolve(results: (string | undefined)[]): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  tokens: string[];
}

/**
 * Pipelined JetStream publishes: each message goes out with a reply subject under one inbox
 * subscription of ours, and its publish acknowledgement comes back there. The client's
 * `jetstream().publish` is one request per message, and each request builds two error objects
 * (their stack traces) and a timer: that was a third of the publishing program's CPU. Here a batch
 * has one timer and no per-message promise; a record still counts only once its own
 * acknowledgement arrived. A batch that times out (a cut connection loses the acknowledgements in
 * flight) fails as a whole and is published again with the same message ids: the stream keeps
 * one copy.
 */
export class JetStreamAcks {
  readonly #connection: NatsConnection;
  readonly #prefix: string;
  readonly #subscription: Subscription;
  readonly #waiting = new Map<string, { batch: Waiting; index: number }>();
  readonly #decoder = new TextDecoder();
  readonly #timeoutMs: number;
  #next = 0;

  constructor(connection: NatsConnection, inbox: string, timeoutMs = ACK_TIMEOUT_MS) {
    this.#connection = connection;
    this.#timeoutMs = timeoutMs;
    this.#prefix = `${inbox}.`;
    this.#subscription = connection.subscribe(`${inbox}.*`, {
      callback: (error, msg) => this.#acknowledged(error, msg),
    });
  }

  /** Publishes every message; resolves with each one's outcome, rejects when any went unanswered. */
  publish(messages: readonly JetStreamMessage[]): Promise<(string | undefined)[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const batch: Waiting = {
        results: new Array(messages.length).fill(undefined),
        left: messages.length,
        resolve,
        reject,
        timer: setTimeout(
          () =>
            this.#fail(batch, new CannectorsError(ErrorCodes.BROKER, "no JetStream publish acknowledgement in time")),
          this.#timeoutMs,
        ),
        tokens: [],
      };
      try {
        for (let index = 0; index < messages.length; index++) {
          const message = messages[index]!;
          const token = (this.#next++).toString(36);
          batch.tokens.push(token);
          this.#waiting.set(token, { batch, index });
          this.#connection.publish(message.subject, message.body, {
            reply: this.#prefix + token,
            headers: message.headers,
          });
        }
      } catch (error) {
        this.#fail(batch, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Messages published and not answered yet. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Fails every batch still waiting (the connection is closing). */
  close(): void {
    const batches = new Set([...this.#waiting.values()].map((w) => w.batch));
    for (const batch of batches)
      this.#fail(batch, new CannectorsError(ErrorCodes.BROKER, "the NATS connection closed"));
    this.#subscription.unsubscribe();
  }

  #fail(batch: Waiting, error: Error): void {
    clearTimeout(batch.timer);
    for (const token of batch.tokens) this.#waiting.delete(token);
    batch.reject(error);
  }

  #acknowledged(error: Error | null, msg: Msg): void {
    if (error) return;
    const token = msg.subject.slice(this.#prefix.length);
    const waiting = this.#waiting.get(token);
    if (!waiting) return; // a late answer for a batch that already failed
    this.#waiting.delete(token);
    const { batch, index } = waiting;
    if (msg.data.length === 0 && msg.headers?.code === 503) {
      this.#fail(batch, new CannectorsError(ErrorCodes.BROKER, "no JetStream stream captures the subject"));
      return;
    }
    let answer: { stream?: unknown; error?: { description?: unknown; err_code?: unknown } };
    try {
      answer = JSON.parse(this.#decoder.decode(msg.data));
    } catch {
      this.#fail(batch, new CannectorsError(ErrorCodes.BROKER, "JetStream answered a publish with no acknowledgement"));
      return;
    }
    if (answer.error) {
      batch.results[index] =
        `the stream refused the message: ${String(answer.error.description)} (err_code ${String(answer.error.err_code)})`;
    } else if (typeof answer.stream !== "string" || answer.stream === "") {
      this.#fail(batch, new CannectorsError(ErrorCodes.BROKER, "JetStream answered a publish with no acknowledgement"));
      return;
    }
    if (--batch.left === 0) {
      clearTimeout(batch.timer);
      batch.resolve(batch.results);
    }
  }
}
