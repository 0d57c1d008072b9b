import { CannectorsError, ErrorCodes } from "../errors/index.js";

/**
 * Why a state database cannot be used. Backend-neutral: a backend maps its own errors onto these
 * (see sqlite-faults.ts), and every fault is reported the same way — one line naming the database
 * and what to do — under CANNECTORS_E_STATE, which the CLI turns into exit code 4.
 */
export type StateFault =
  | "empty"
  | "foreign"
  | "not-a-database"
  | "corrupt"
  | "newer-schema"
  | "read-only"
  | "locked"
  | "disk-full"
  | "io"
  | "unavailable";

/** Starting over is a decision the user makes: it re-reads every source record and drops queued deliveries. */
const START_OVER =
  "move it aside (or delete it) to start from empty state on purpose — every source record is then read and sent again";
const RESTORE = `restore it from a backup, or ${START_OVER}`;

/** What is wrong, then what to do: one line each fault. */
const FAULTS: Record<StateFault, { problem: (where: string) => string; advice: string }> = {
  empty: {
    problem: (where) =>
      `state database ${where} exists but is empty (0 bytes): its cursors, queued webhook deliveries and history are gone`,
    advice: RESTORE,
  },
  foreign: {
    problem: (where) => `${where} is an SQLite database without the cannectors state schema (another program's file?)`,
    advice: `give another path with --state, or ${START_OVER}`,
  },
  "not-a-database": {
    problem: (where) => `state database ${where} is not an SQLite database (overwritten, encrypted or damaged)`,
    advice: RESTORE,
  },
  corrupt: { problem: (where) => `state database ${where} is damaged`, advice: RESTORE },
  "newer-schema": {
    problem: (where) => `state database ${where} is at a schema version newer than this cannectors understands`,
    advice: "upgrade cannectors",
  },
  "read-only": {
    problem: (where) =>
      `state database ${where} cannot be written (the file or its folder is read-only; SQLite also writes -wal and -shm files beside it)`,
    advice: "fix the permissions, or give a writable path with --state or CANNECTORS_STATE",
  },
  locked: {
    problem: (where) => `state database ${where} is locked by another process (waited 5 s)`,
    advice: "wait for that process or stop it, then try again",
  },
  "disk-full": {
    problem: (where) => `the disk holding state database ${where} is full`,
    advice: "free some space, then try again",
  },
  io: { problem: (where) => `I/O error on state database ${where}`, advice: "check the disk, then try again" },
  unavailable: {
    problem: (where) => `state database ${where} cannot be opened or created`,
    advice: "check that its folder exists and is writable, or give another path with --state",
  },
};

/**
 * The error every state fault becomes: one line (what is wrong, what to do, the underlying
 * reason), a stable code, the database and the fault in `details`, the cause kept.
 */
export function stateFaultError(
  fault: StateFault,
  where: string,
  options: { cause?: unknown; details?: Record<string, unknown> } = {},
): CannectorsError {
  const { problem, advice } = FAULTS[fault];
  const reason = options.cause instanceof Error ? ` (cause: ${options.cause.message.split("\n")[0]})` : "";
  return new CannectorsError(ErrorCodes.STATE, `${problem(where)}: ${advice}${reason}`, {
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    details: { ...options.details, state: where, fault },
  });
}

/** The fault a state error reports, if it is one. */
export function stateFaultOf(error: unknown): StateFault | undefined {
  if (!(error instanceof CannectorsError) || error.code !== ErrorCodes.STATE) return undefined;
  const fault = error.details.fault;
  return typeof fault === "string" && fault in FAULTS ? (fault as StateFault) : undefined;
}

/**
 * The same object whose every method passes what it throws through `translate` (a backend's
 * mapping of its errors onto state faults), so no driver error — and no stack trace — reaches a
 * caller, whichever statement failed.
 */
export function reportingFaults<T extends object>(target: T, translate: (error: unknown) => unknown): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== "function") return value;
      let method = wrapped.get(key);
      if (method === undefined) {
        method = (...args: unknown[]) => {
          try {
            return (value as (...a: unknown[]) => unknown).apply(object, args);
          } catch (error) {
            throw translate(error);
          }
        };
        wrapped.set(key, method);
      }
      return method;
    },
  });
}
