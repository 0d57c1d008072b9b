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
  /**
   * Marks exactly these deliveries processed (the body is dropped, the id kept for the window). Not
   * "everything up to a seq": with several writers (PostgreSQL workers) a lower seq can commit after
   * a higher one was read, and a range would settle a delivery that no run ever read.
   */
  markDone(connector: string, seqs: readonly number[]): Promise<number>;
  depth(connector: string): Promise<number>;
}

/** The SQLite queue: reads are synchronous; the writes wait for their group's commit. */
export type SqliteWebhookQueue = Synchronous<Omit<WebhookQueue, "enqueue" | "markDone">> &
  Pick<WebhookQueue, "enqueue" | "markDone"> & {
    /** Resolves once every write asked for is committed (before the database closes). */
    drain(): Promise<void>;
  };

/** A write to the queue: deliveries stored and deliveries settled share one commit. */
type QueueWrite =
  | { kind: "enqueue"; delivery: EnqueueDelivery }
  | { kind: "markDone"; connector: string; seqs: readonly number[] };

/**
 * `writer` is the connection the writes go through, `durable` what makes its commits durable when
 * they are not by themselves (see wal-sync.ts); reads use `db`, which sees every commit at once.
 */
export function createWebhookQueue(
  db: Database.Database,
  writer: Database.Database = db,
  durable?: () => Promise<void>,
): SqliteWebhookQueue {
  const statements = {
    prune: writer.prepare("DELETE FROM webhook_deliveries WHERE connector = ? AND status = 'done' AND received_at < ?"),
    // No conflict target: a known id and a known body hash are both duplicates.
    insert:
      writer.prepare(`INSERT INTO webhook_deliveries (connector, delivery_id, received_at, body, status, body_hash)
      VALUES (@connector, @deliveryId, @receivedAt, @body, 'pending', @bodyHash) ON CONFLICT DO NOTHING`),
    pending: db.prepare<[string, number, number], QueuedDelivery>(`SELECT seq, delivery_id AS deliveryId, body,
      received_at AS receivedAt FROM webhook_deliveries
      WHERE connector = ? AND status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`),
    markDone: writer.prepare(
      "UPDATE webhook_deliveries SET status = 'done', body = NULL WHERE connector = ? AND status = 'pending' AND seq = ?",
    ),
    depth: db
      .prepare<[string], number>("SELECT COUNT(*) FROM webhook_deliveries WHERE connector = ? AND status = 'pending'")
      .pluck(),
  };
  const insertOne = (delivery: EnqueueDelivery, pruned: Set<string>): "accepted" | "duplicate" => {
    // Ids older than the window are forgotten first, so a late resend of one is a new delivery. Once
    // per connector and group (a delete per delivery cost as much as the insert): with the group's
    // first, earliest delivery, so an id is never forgotten before its window ends, at most the
    // group's span (milliseconds) after.
    if (!pruned.has(delivery.connector)) {
      statements.prune.run(delivery.connector, delivery.receivedAt - delivery.windowMs);
      pruned.add(delivery.connector);
    }
    const { deliveryId, connector, receivedAt, body } = delivery;
    const bodyHash = delivery.bodyHash ?? null;
    // In arrival order: a second copy of an id in the same group sees the first and is a duplicate.
    const changes = statements.insert.run({ connector, deliveryId, receivedAt, body, bodyHash }).changes;
    return changes === 1 ? "accepted" : "duplicate";
  };
  const markOne = (connector: string, seq: number) => statements.markDone.run(connector, seq).changes;
  const writeOne = (write: QueueWrite, pruned: Set<string>): "accepted" | "duplicate" | number =>
    write.kind === "enqueue"
      ? insertOne(write.delivery, pruned)
      : write.seqs.reduce((done, seq) => done + markOne(write.connector, seq), 0);
  const writeGroup = writer.transaction((writes: readonly QueueWrite[]) => {
    const pruned = new Set<string>();
    return writes.map((write) => writeOne(write, pruned));
  });
  const group = groupCommit({ commitAll: (writes: readonly QueueWrite[]) => writeGroup.immediate(writes), durable });
  return {
    enqueue: (delivery) => group.submit({ kind: "enqueue", delivery }) as Promise<"accepted" | "duplicate">,
    markDone: (connector, seqs) => group.submit({ kind: "markDone", connector, seqs }) as Promise<number>,
    drain: group.drain,
    pending: (connector, afterSeq, limit) => statements.pending.all(connector, afterSeq, limit),
    depth: (connector) => statements.depth.get(connector) ?? 0,
  };
}
