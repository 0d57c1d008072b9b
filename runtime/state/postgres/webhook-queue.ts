import type pg from "pg";
import type { QueuedDelivery, WebhookQueue } from "../webhook-queue.js";

/**
 * The webhook queue of webhook-queue.ts on PostgreSQL. Accepted once `enqueue` resolves: the insert
 * has committed (synchronous_commit, PostgreSQL's default, waits for the WAL flush). The unique
 * constraints are the de-duplication, across every process sharing the database.
 */
export function createPostgresWebhookQueue(pool: pg.Pool): WebhookQueue {
  return {
    async enqueue(delivery) {
      // Ids older than the window are forgotten first, so a late resend of one is a new delivery.
      await pool.query("DELETE FROM webhook_deliveries WHERE connector = $1 AND status = 'done' AND received_at < $2", [
        delivery.connector,
        delivery.receivedAt - delivery.windowMs,
      ]);
      // No conflict target: a known id and a known body hash are both duplicates.
      const inserted = await pool.query(
        `INSERT INTO webhook_deliveries (connector, delivery_id, received_at, body, status, body_hash)
         VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT DO NOTHING`,
        [delivery.connector, delivery.deliveryId, delivery.receivedAt, delivery.body, delivery.bodyHash ?? null],
      );
      return inserted.rowCount === 1 ? "accepted" : "duplicate";
    },
    async pending(connector, afterSeq, limit) {
      const found = await pool.query<QueuedDelivery>(
        `SELECT seq, delivery_id AS "deliveryId", body, received_at AS "receivedAt" FROM webhook_deliveries
         WHERE connector = $1 AND status = 'pending' AND seq > $2 ORDER BY seq LIMIT $3`,
        [connector, afterSeq, limit],
      );
      return found.rows;
    },
    async markDone(connector, upToSeq) {
      const updated = await pool.query(
        "UPDATE webhook_deliveries SET status = 'done', body = NULL WHERE connector = $1 AND status = 'pending' AND seq <= $2",
        [connector, upToSeq],
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
