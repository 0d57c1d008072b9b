import { dialectOf } from "./dialect.js";

/** A connection URL whose scheme names no dialect; one that is all reference is checked once resolved. */
export function checkSqlConnection(
  connection: string,
  module: "input" | "output",
): { path: (string | number)[]; message: string }[] {
  if (connection.startsWith("${")) return [];
  try {
    dialectOf(connection);
    return [];
  } catch (error) {
    return [{ path: [module, "connection"], message: (error as Error).message }];
  }
}
