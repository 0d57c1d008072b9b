import type pg from "pg";
import type { EnqueueDelivery, QueuedDelivery, WebhookQueue } from "../webhook-queue.js";

/**
 * The webhook queue of webhook-queue.ts on PostgreSQL. Accepted once `enqueue` resolves: the insert
 * has committed (synchronous_commit, PostgreSQL's default, waits for the WAL flush). The unique
 * constraints are the de-duplication, across every process sharing the database. Deliveries that
 * arrive while a group is being written form the next group: one prune and one multi-row insert,
 * one commit and WAL flush, instead of two statements and a flush per delivery.
 */
export function createPostgresWebhookQueue(pool: pg.Pool): WebhookQueue {
  const enqueue = asyncGroupCommit((group: readonly EnqueueDelivery[]) => insertGroup(pool, group));
  return {
    enqueue,
    async pending(connector, afterSeq, limit) {
      const found = await pool.query<QueuedDelivery>(
        `SELECT seq, delivery_id AS "deliveryId", body, received_at AS "receivedAt" FROM webhook_deliveries
         WHERE connector = $1 AND status = 'pending' AND seq > $2 ORDER BY seq LIMIT $3`,
        [connector, afterSeq, limit],
      );
      return found.rows;
    },
    async markDone(connector, seqs) {
      const updated = await pool.query(
        "UPDATE webhook_deliveries SET status = 'done', body = NULL WHERE connector = $1 AND status = 'pending' AND seq = ANY($2::bigint[])",
        [connector, seqs],
      );
      return updated.rowCount ?? 0;
    },
    async depth(connector) {
      const found = await pool.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE connector = $1 AND status = 'pending'",
        [connector],
      );
      return Number(found.rows[0]?.n ?? 0);
    },
  };
}

/**
 * One statement for the group, in arrival order (seq follows it). A copy of an id or body hash
 * already stored, or earlier in the group, is not inserted: ON CONFLICT DO NOTHING skips a row that
 * conflicts with one the same statement inserted. The first item of the group with an inserted
 * row's id and hash is the accepted one.
 */
async function insertGroup(pool: pg.Pool, group: readonly EnqueueDelivery[]): Promise<("accepted" | "duplicate")[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Ids older than the window are forgotten first, once per connector, with its earliest delivery.
    const pruned = new Set<string>();
    for (const delivery of group) {
      if (pruned.has(delivery.connector)) continue;
      pruned.add(delivery.connector);
      await client.query(
        "DELETE FROM webhook_deliveries WHERE connector = $1 AND status = 'done' AND received_at < $2",
        [delivery.connector, delivery.receivedAt - delivery.windowMs],
      );
    }
    const inserted = await client.query<{ connector: string; delivery_id: string; body_hash: string | null }>(
      `INSERT INTO webhook_deliveries (connector, delivery_id, received_at, body, status, body_hash)
       SELECT connector, delivery_id, received_at, body, 'pending', body_hash
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY
         AS d (connector, delivery_id, received_at, body, body_hash, n)
       ORDER BY n
       ON CONFLICT DO NOTHING
       RETURNING connector, delivery_id, body_hash`,
      [
        group.map((d) => d.connector),
        group.map((d) => d.deliveryId),
        group.map((d) => d.receivedAt),
        group.map((d) => d.body),
        group.map((d) => d.bodyHash ?? null),
      ],
    );
    await client.query("COMMIT");
    const key = (connector: string, id: string, hash: string | null) => JSON.stringify([connector, id, hash]);
    const stored = new Set(inserted.rows.map((row) => key(row.connector, row.delivery_id, row.body_hash)));
    return group.map((d) =>
      stored.delete(key(d.connector, d.deliveryId, d.bodyHash ?? null)) ? "accepted" : "duplicate",
    );
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Group commit over an asynchronous commit: items submitted while a group is written wait for the
 * next. A group that fails is retried item by item, so one item that cannot be written fails only itself.
 */
function asyncGroupCommit<T, R>(commitAll: (items: readonly T[]) => Promise<R[]>): (item: T) => Promise<R> {
  let waiting: { item: T; resolve(result: R): void; reject(error: unknown): void }[] = [];
  let busy = false;
  const next = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        const results = await commitAll(group.map((entry) => entry.item));
        group.forEach((entry, index) => {
          entry.resolve(results[index] as R);
        });
      } catch (error) {
        if (group.length === 1) group[0]?.reject(error);
        else {
          for (const entry of group) {
            await commitAll([entry.item]).then(([result]) => entry.resolve(result as R), entry.reject);
          }
        }
      }
    }
    busy = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!busy) {
        busy = true;
        setImmediate(() => void next());
      }
    });
}
