import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { leaseHeldError, type StateStore } from "../state/index.js";

/** This run's lease on its connector (one run per connector and state database, see state/lease.ts). */
export interface RunLease {
  readonly token: string;
  /** Set once another run has taken the lease over: this run must stop and write no cursor. */
  readonly lost: CannectorsError | undefined;
  /** Renews every third of the TTL from now on; `onLost` is told once if the lease was taken over. */
  keep(onLost: (error: CannectorsError) => void): void;
  /**
   * Stops renewing and deletes the lease. Never rejects, so a caller's `finally` cannot lose the
   * error it is unwinding with: a lease that could not be deleted expires after its TTL and is
   * taken over at once when this process is gone; `onError` hears why.
   */
  release(onError?: (error: unknown) => void): Promise<void>;
}

/** Takes the lease or throws CANNECTORS_E_LEASE_HELD naming the holder. */
export async function acquireRunLease(store: StateStore, connector: string, ttlMs: number): Promise<RunLease> {
  const attempt = await store.leases.acquire(connector, ttlMs);
  if (!attempt.acquired) throw leaseHeldError(connector, attempt.holder, store.path);
  const { token } = attempt;
  let lost: CannectorsError | undefined;
  let renewal: NodeJS.Timeout | undefined;
  let released = false;
  return {
    token,
    get lost() {
      return lost;
    },
    keep(onLost) {
      let renewing = false;
      renewal = setInterval(() => {
        // One renewal at a time: a slow database must not pile them up.
        if (lost || renewing) return;
        renewing = true;
        store.leases
          .renew(connector, token, ttlMs)
          // A renewal that fails (the database is away) is retried next tick; the lease expires if it stays away.
          .then(
            (held) => held || lost !== undefined,
            () => true,
          )
          .then((held) => {
            renewing = false;
            if (held || released) return;
            lost = new CannectorsError(ErrorCodes.LEASE_LOST, `run of ${connector} lost its lease to another run`);
            onLost(lost);
          });
      }, ttlMs / 3);
      renewal.unref();
    },
    async release(onError) {
      released = true;
      clearInterval(renewal);
      try {
        await store.leases.release(connector, token);
      } catch (error) {
        onError?.(error);
      }
    },
  };
}
