import { createHash } from "node:crypto";

export interface StoredResponse {
  status: 200 | 201;
  body: unknown;
}

export type IdempotencyLookup = { kind: "new" } | { kind: "replay"; response: StoredResponse } | { kind: "conflict" };

interface Entry {
  bodyHash: string;
  response: StoredResponse;
}

/**
 * Successful answers by Idempotency-Key, per route. Only successes are kept: a request refused for an
 * expired token or a bad field must be able to succeed when sent again with the same key.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();

  static hash(body: string): string {
    return createHash("sha256").update(body, "utf8").digest("hex");
  }

  lookup(route: string, key: string, body: string): IdempotencyLookup {
    const entry = this.#entries.get(`${route} ${key}`);
    if (!entry) return { kind: "new" };
    return entry.bodyHash === IdempotencyStore.hash(body)
      ? { kind: "replay", response: entry.response }
      : { kind: "conflict" };
  }

  remember(route: string, key: string, body: string, response: StoredResponse): void {
    this.#entries.set(`${route} ${key}`, { bodyHash: IdempotencyStore.hash(body), response });
  }
}
