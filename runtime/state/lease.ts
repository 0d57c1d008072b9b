import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { ownerGone, thisHost } from "./owner.js";
import type { Synchronous } from "./types.js";

/** Who holds a connector's lease, as another process sees it. */
export interface LeaseHolder {
  pid: number;
  host: string;
  /** ISO 8601: after this instant the lease may be taken over even if the holder lives. */
  expiresAt: string;
}

export type LeaseAttempt = { acquired: true; token: string } | { acquired: false; holder: LeaseHolder };

/**
 * One run per connector per state database. A lease is a row (connector, random token, pid, host,
 * expiry): taken in a BEGIN IMMEDIATE transaction, renewed by the holder while it runs, released at
 * the end. A lease whose holder is gone (its pid no longer exists on this host) or that expired is
 * taken over, so a SIGKILLed run never blocks the next one.
 */
export interface LeaseTable {
  /** `now` (epoch ms) defaults to the database's clock on PostgreSQL, this process's on SQLite. */
  acquire(connector: string, ttlMs: number, now?: number): Promise<LeaseAttempt>;
  /** False when the lease was taken over (or released): the holder must stop writing. */
  renew(connector: string, token: string, ttlMs: number, now?: number): Promise<boolean>;
  release(connector: string, token: string): Promise<void>;
  /** True when `token` holds the lease now; writes under a lease check it inside their transaction. */
  holds(connector: string, token: string): Promise<boolean>;
}

interface LeaseRow {
  token: string;
  pid: number;
  host: string;
  expires_at: number;
}

export function createLeaseTable(db: Database.Database): Synchronous<LeaseTable> {
  const get = db.prepare<[string], LeaseRow>("SELECT token, pid, host, expires_at FROM leases WHERE connector = ?");
  const put = db.prepare(
    `INSERT INTO leases (connector, token, pid, host, acquired_at, expires_at)
     VALUES (@connector, @token, @pid, @host, @acquiredAt, @expiresAt)
     ON CONFLICT (connector) DO UPDATE SET token = excluded.token, pid = excluded.pid, host = excluded.host,
       acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
  );
  const renew = db.prepare("UPDATE leases SET expires_at = @expiresAt WHERE connector = @connector AND token = @token");
  const release = db.prepare("DELETE FROM leases WHERE connector = ? AND token = ?");

  const acquire = db.transaction((connector: string, ttlMs: number, now: number): LeaseAttempt => {
    const row = get.get(connector);
    if (row !== undefined && row.expires_at > now && !ownerGone(row.pid, row.host)) {
      return {
        acquired: false,
        holder: { pid: row.pid, host: row.host, expiresAt: new Date(row.expires_at).toISOString() },
      };
    }
    const token = randomBytes(16).toString("hex");
    put.run({
      connector,
      token,
      pid: process.pid,
      host: thisHost,
      acquiredAt: new Date(now).toISOString(),
      expiresAt: now + ttlMs,
    });
    return { acquired: true, token };
  });

  return {
    acquire: (connector, ttlMs, now = Date.now()) => acquire.immediate(connector, ttlMs, now),
    renew: (connector, token, ttlMs, now = Date.now()) =>
      renew.run({ connector, token, expiresAt: now + ttlMs }).changes === 1,
    release: (connector, token) => {
      release.run(connector, token);
    },
    holds: (connector, token) => get.get(connector)?.token === token,
  };
}

/** The refusal a second run gets: it names the holder so the user can find it. */
export function leaseHeldError(connector: string, holder: LeaseHolder, file: string): CannectorsError {
  return new CannectorsError(
    ErrorCodes.LEASE_HELD,
    `connector ${connector} is already running (pid ${holder.pid} on ${holder.host}, lease valid until ${holder.expiresAt}, state ${file}); not starting a second run`,
    { details: { connector, ...holder } },
  );
}
