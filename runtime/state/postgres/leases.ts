import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { LeaseAttempt, LeaseTable } from "../lease.js";
import { ownerGone, thisHost } from "../owner.js";
import { DB_NOW_MS } from "./schema.js";

interface LeaseRow {
  token: string;
  pid: number;
  host: string;
  expires_at: number;
}

/** `now` when the caller gives one (tests), else the database's clock, shared by every host. */
const NOW = `COALESCE($1::bigint, ${DB_NOW_MS})`;

/**
 * The lease table of lease.ts on PostgreSQL, for processes on several hosts. Taking a lease is one
 * atomic statement: an INSERT that, on a conflict, takes the row over only if it has expired
 * (PostgreSQL locks the conflicting row while it decides). A holder gone from this host is taken
 * over by compare-and-swap on its token, so two processes can never both succeed.
 */
export function createPostgresLeaseTable(pool: pg.Pool): LeaseTable {
  const take = async (connector: string, ttlMs: number, now: number | undefined): Promise<string | undefined> => {
    const token = randomBytes(16).toString("hex");
    const taken = await pool.query(
      `INSERT INTO leases (connector, token, pid, host, acquired_at, expires_at)
       VALUES ($2, $3, $4, $5, $6, ${NOW} + $7)
       ON CONFLICT (connector) DO UPDATE SET token = excluded.token, pid = excluded.pid, host = excluded.host,
         acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
       WHERE leases.expires_at <= ${NOW}
       RETURNING token`,
      [now ?? null, connector, token, process.pid, thisHost, new Date(now ?? Date.now()).toISOString(), ttlMs],
    );
    return taken.rowCount === 1 ? token : undefined;
  };

  const takeOver = async (connector: string, from: string, ttlMs: number, now: number | undefined) => {
    const token = randomBytes(16).toString("hex");
    const swapped = await pool.query(
      `UPDATE leases SET token = $3, pid = $4, host = $5, acquired_at = $6, expires_at = ${NOW} + $7
       WHERE connector = $2 AND token = $8`,
      [now ?? null, connector, token, process.pid, thisHost, new Date(now ?? Date.now()).toISOString(), ttlMs, from],
    );
    return swapped.rowCount === 1 ? token : undefined;
  };

  return {
    async acquire(connector, ttlMs, now): Promise<LeaseAttempt> {
      // Each pass either decides or saw the row change under it (released, taken over): then look again.
      for (;;) {
        const token = await take(connector, ttlMs, now);
        if (token !== undefined) return { acquired: true, token };
        const found = await pool.query<LeaseRow>(
          "SELECT token, pid, host, expires_at FROM leases WHERE connector = $1",
          [connector],
        );
        const row = found.rows[0];
        if (row === undefined) continue;
        if (!ownerGone(row.pid, row.host)) {
          return {
            acquired: false,
            holder: { pid: row.pid, host: row.host, expiresAt: new Date(Number(row.expires_at)).toISOString() },
          };
        }
        const taken = await takeOver(connector, row.token, ttlMs, now);
        if (taken !== undefined) return { acquired: true, token: taken };
      }
    },
    async renew(connector, token, ttlMs, now) {
      const renewed = await pool.query(
        `UPDATE leases SET expires_at = ${NOW} + $4 WHERE connector = $2 AND token = $3`,
        [now ?? null, connector, token, ttlMs],
      );
      return renewed.rowCount === 1;
    },
    async release(connector, token) {
      await pool.query("DELETE FROM leases WHERE connector = $1 AND token = $2", [connector, token]);
    },
    async holds(connector, token) {
      const found = await pool.query("SELECT 1 FROM leases WHERE connector = $1 AND token = $2", [connector, token]);
      return found.rowCount === 1;
    },
  };
}
