export { reportingFaults, type StateFault, stateFaultError, stateFaultOf } from "./faults.js";
export { newExecutionId } from "./ids.js";
export { createLeaseTable, type LeaseAttempt, type LeaseHolder, type LeaseTable, leaseHeldError } from "./lease.js";
export { migrate } from "./migrate.js";
export { INTERRUPTED_ERROR, LOG_PRAGMAS, MIGRATIONS, PRAGMAS, SQL } from "./schema.js";
export { isPostgresUrl, openState, stateLabel } from "./open.js";
export { type OpenStateOptions, openStateStore } from "./store.js";
export type { DeadLetterTable, NewDeadLetter, StoredDeadLetter } from "./dead-letters.js";
export type { RefreshTokenTable, StoredRefreshToken } from "./refresh-tokens.js";
export type { EnqueueDelivery, QueuedDelivery, WebhookQueue } from "./webhook-queue.js";
export {
  type CursorInfo,
  EXECUTION_STATUSES,
  type ExecutionCounts,
  type ExecutionRow,
  type ExecutionStatus,
  type FinalStatus,
  type FinishExecution,
  type StartExecution,
  type StateStore,
  type Synchronous,
  type Timestamp,
} from "./types.js";
export { type StateKey, STATE_KEY_ENV, seal, stateKeyFrom, unseal } from "./sealing.js";
