/**
 * Which database failures are worth retrying: the same statements may succeed on another attempt.
 * Everything else (a constraint, a type, a missing column) is the data's fault or the config's.
 */
const POSTGRES_TRANSIENT = new Set(["40001", "40P01", "55P03", "57P01", "57P02", "57P03", "53300"]);
const MYSQL_TRANSIENT = new Set([1205, 1213, 2006, 2013, 1040, 1053]);
const NODE_TRANSIENT = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "PROTOCOL_CONNECTION_LOST"]);

export function isTransientSqlError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (typeof code === "string") {
    // Class 08: connection exceptions (PostgreSQL).
    if (POSTGRES_TRANSIENT.has(code) || /^08/.test(code) || NODE_TRANSIENT.has(code)) return true;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || code.startsWith("SQLITE_BUSY_")) return true;
  }
  if (typeof errno === "number" && MYSQL_TRANSIENT.has(errno)) return true;
  const message = error instanceof Error ? error.message : "";
  // pg reports a server that went away mid-query without a code.
  return /Connection terminated|connection closed|server closed the connection/i.test(message);
}
