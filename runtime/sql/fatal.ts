/**
 * Failures that are no record's fault and that no retry mends: bad credentials, a database or a
 * table that does not exist. They fail the run (as a config error would) instead of
 * dead-lettering every record one by one.
 */
const POSTGRES_FATAL = /^(28|3D|3F)|^42P01$/;
const MYSQL_FATAL = new Set([1044, 1045, 1049, 1146]);

export function isFatalSqlError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (typeof code === "string" && POSTGRES_FATAL.test(code)) return true;
  if (typeof code === "string" && code === "SQLITE_CANTOPEN") return true;
  if (typeof errno === "number" && MYSQL_FATAL.has(errno)) return true;
  const message = error instanceof Error ? error.message : "";
  return typeof code === "string" && code.startsWith("SQLITE_") && /^no such table/.test(message);
}
