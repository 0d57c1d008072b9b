import { dialectOf } from "./dialect.js";

/**
 * A connection URL whose scheme names no dialect, at `at` (`input`, `output`, `output.routes[0].output`);
 * one that is all reference is checked once resolved.
 */
export function checkSqlConnection(
  connection: string,
  at: readonly (string | number)[],
): { path: (string | number)[]; message: string }[] {
  if (connection.startsWith("${")) return [];
  try {
    dialectOf(connection);
    return [];
  } catch (error) {
    return [{ path: [...at, "connection"], message: (error as Error).message }];
  }
}
