import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { Synchronous } from "./types.js";

/**
 * Why a state database cannot be used. Backend-neutral: a backend maps its own errors onto these
 * (see sqlite-faults.ts, postgres/faults.ts), and every fault is reported the same way — one line naming the database
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
  | "unavailable"
  | "unreachable"
  | "denied";

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
    problem: (where) =>
      /^postgres(ql)?:/i.test(where)
        ? `${where} holds tables named like the cannectors state's but without its schema_version (another program's?)`
        : `${where} is an SQLite database without the cannectors state schema (another program's file?)`,
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
  // The faults of a database server (PostgreSQL) rather than a file.
  unreachable: {
    problem: (where) => `state database ${where} cannot be reached (server down, wrong host, port or database name)`,
    advice: "check that the server is up and the --state / CANNECTORS_STATE URL, then try again",
  },
  denied: {
    problem: (where) => `state database ${where} refused this user (authentication or permissions)`,
    advice: "check the user and password in the URL and the user's grants on the database and schema",
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
 * A store object as the StateStore interface promises it: every method returns a promise, and what
 * it throws or rejects with passes through `translate` (a backend's mapping of its errors onto
 * state faults), so no driver error — and no stack trace — reaches a caller, whichever statement
 * failed. Object properties (the lease table, the webhook queue) are wrapped the same way. A
 * synchronous method (SQLite) has done its work by the time its promise is handed back.
 */
export function reportingFaults<T extends object>(
  target: T | Synchronous<T>,
  translate: (error: unknown) => unknown,
): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target as T, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (value === null || (typeof value !== "function" && typeof value !== "object")) return value;
      let member = wrapped.get(key);
      if (member === undefined) {
        member =
          typeof value === "function"
            ? (...args: unknown[]) =>
                settle(() => (value as (...a: unknown[]) => unknown).apply(object, args), translate)
            : reportingFaults(value as object, translate);
        wrapped.set(key, member);
      }
      return member;
    },
  });
}

function settle(call: () => unknown, translate: (error: unknown) => unknown): Promise<unknown> {
  try {
    const result = call();
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw translate(error);
      });
    }
    return Promise.resolve(result);
  } catch (error) {
    return Promise.reject(translate(error));
  }
}
