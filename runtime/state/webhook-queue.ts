import type Database from "better-sqlite3";
import { groupCommit } from "./group-commit.js";
import type { Synchronous } from "./types.js";

export interface QueuedDelivery {
  seq: number;
  deliveryId: string;
  /** The verified body, as received (UTF-8 JSON text). */
  body: string;
  /** Epoch milliseconds. */
  receivedAt: number;
}

export interface EnqueueDelivery {
  connector: string;
  deliveryId: string;
  body: string;
  receivedAt: number;
  /** How long a processed delivery's id (and body hash) is remembered for de-duplication. */
  windowMs: number;
  /** SHA-256 of the body, when the same body under another id is a duplicate too. */
  bodyHash?: string | undefined;
}

/**
 * The durable webhook queue, in the state database. A delivery is accepted once `enqueue` resolves:
 * the insert is committed (SQLite: synchronous=FULL, deliveries of one event-loop turn sharing one
 * commit: see group-commit.ts). The UNIQUE (connector, delivery_id) constraint, and
 * the one on (connector, body_hash) when a hash is given, are the de-duplication, so two concurrent
 * copies cannot both be stored.
 */
export interface WebhookQueue {
  enqueue(delivery: EnqueueDelivery): Promise<"accepted" | "duplicate">;
  /** Pending deliveries after `afterSeq`, oldest first. */
  pending(connector: string, afterSeq: number, limit: number): Promise<QueuedDelivery[]>;
  /** Marks every pending delivery up to `seq` processed (its body is dropped, its id kept for the window). */
  markDone(connector: string, upToSeq: number): Promise<number>;
  depth(connector: string): Promise<number>;
}

/** The SQLite queue: synchronous but for `enqueue`, which waits for its group's commit. */
export type SqliteWebhookQueue = Synchronous<Omit<WebhookQueue, "enqueue">> &
  Pick<WebhookQueue, "enqueue"> & {
    /** Commits the deliveries still waiting for their group (before the database closes). */
    flush(): void;
  };

export function createWebhookQueue(db: Database.Database): SqliteWebhookQueue {
  const statements = {
    prune: db.prepare("DELETE FROM webhook_deliveries WHERE connector = ? AND status = 'done' AND received_at < ?"),
    // No conflict target: a known id and a known body hash are both duplicates.
    insert: db.prepare(`INSERT INTO webhook_deliveries (connector, delivery_id, received_at, body, status, body_hash)
      VALUES (@connector, @deliveryId, @receivedAt, @body, 'pending', @bodyHash) ON CONFLICT DO NOTHING`),
    pending: db.prepare<[string, number, number], QueuedDelivery>(`SELECT seq, delivery_id AS deliveryId, body,
      received_at AS receivedAt FROM webhook_deliveries
      WHERE connector = ? AND status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`),
    markDone: db.prepare(
      "UPDATE webhook_deliveries SET status = 'done', body = NULL WHERE connector = ? AND status = 'pending' AND seq <= ?",
    ),
    depth: db
      .prepare<[string], number>("SELECT COUNT(*) FROM webhook_deliveries WHERE connector = ? AND status = 'pending'")
      .pluck(),
  };
  const insertOne = (delivery: EnqueueDelivery): "accepted" | "duplicate" => {
    // Ids older than the window are forgotten first, so a late resend of one is a new delivery.
    statements.prune.run(delivery.connector, delivery.receivedAt - delivery.windowMs);
    const { deliveryId, connector, receivedAt, body } = delivery;
    const bodyHash = delivery.bodyHash ?? null;
    // In arrival order: a second copy of an id in the same group sees the first and is a duplicate.
    const changes = statements.insert.run({ connector, deliveryId, receivedAt, body, bodyHash }).changes;
    return changes === 1 ? "accepted" : "duplicate";
  };
  const insertGroup = db.transaction((deliveries: readonly EnqueueDelivery[]) => deliveries.map(insertOne));
  const group = groupCommit((deliveries: readonly EnqueueDelivery[]) => insertGroup.immediate(deliveries));
  return {
    enqueue: (delivery) => group.submit(delivery),
    flush: group.flush,
    pending: (connector, afterSeq, limit) => statements.pending.all(connector, afterSeq, limit),
    markDone: (connector, upToSeq) => statements.markDone.run(connector, upToSeq).changes,
    depth: (connector) => statements.depth.get(connector) ?? 0,
  };
}
