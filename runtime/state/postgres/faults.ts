import { isCannectorsError } from "../../errors/index.js";
import { reportingFaults, type StateFault, stateFaultError } from "../faults.js";

/**
 * PostgreSQL SQLSTATE classes and codes, and the socket errors of a connection, as state faults.
 * The most specific entry wins: codes are checked before their two-character class.
 */
const CODES: Record<string, StateFault> = {
  "28000": "denied",
  "28P01": "denied",
  "42501": "denied",
  "25006": "denied",
  "3D000": "unreachable",
  "57P01": "unreachable",
  "57P02": "unreachable",
  "57P03": "unreachable",
  "53100": "disk-full",
  "55P03": "locked",
  "40P01": "locked",
  "57014": "locked",
  XX001: "corrupt",
  XX002: "corrupt",
  "58030": "io",
  ECONNREFUSED: "unreachable",
  ECONNRESET: "unreachable",
  ENOTFOUND: "unreachable",
  EAI_AGAIN: "unreachable",
  ETIMEDOUT: "unreachable",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EPIPE: "unreachable",
};
const CLASSES: Record<string, StateFault> = {
  "08": "unreachable",
  "28": "denied",
  "53": "io",
  "58": "io",
  XX: "corrupt",
};

/** Errors the driver raises without a code: a dropped connection, a pool that gave up waiting. */
const MESSAGES: [RegExp, StateFault][] = [
  [/Connection terminated|connection timeout|timeout exceeded when trying to connect/i, "unreachable"],
  [/Client has encountered a connection error|Cannot use a pool after calling end/i, "unreachable"],
];

export function faultOfPostgresError(error: unknown): StateFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    const fault = CODES[code] ?? (code.length === 5 ? CLASSES[code.slice(0, 2)] : undefined);
    if (fault) return fault;
  }
  const message = error instanceof Error ? error.message : "";
  if (error instanceof AggregateError) return faultOfPostgresError(error.errors[0]);
  return MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
}

/**
 * A failure of the PostgreSQL state database as the one-line CANNECTORS_E_STATE error, naming the
 * database by its label (never the password). Our own errors and errors that are not the
 * database's (a bug) pass through unchanged.
 */
export function toPostgresStateError(error: unknown, label: string): unknown {
  if (isCannectorsError(error)) return error;
  const fault = faultOfPostgresError(error);
  return fault === undefined ? error : stateFaultError(fault, label, { cause: error });
}

export function withPostgresErrors<T extends object>(target: T, label: string): T {
  return reportingFaults<T>(target, (error) => toPostgresStateError(error, label));
}
