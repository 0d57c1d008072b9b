import { dialectOf } from "../../sql/dialect.js";
import type { SqlOutput } from "./schema.js";

/** What zod cannot say about a SQL output: a URL whose scheme names no dialect, COPY off PostgreSQL. */
export function checkSqlOutput(output: SqlOutput): { path: (string | number)[]; message: string }[] {
  // A URL that is all reference (`${secret:DB_URL}`) is checked once resolved, when the run starts.
  if (output.connection.startsWith("${")) return [];
  try {
    const dialect = dialectOf(output.connection);
    if (output.bulk === "copy" && dialect !== "postgres") {
      return [
        { path: ["output", "bulk"], message: `bulk copy is PostgreSQL's; a ${dialect} table loads with statements` },
      ];
    }
    return [];
  } catch (error) {
    return [{ path: ["output", "connection"], message: (error as Error).message }];
  }
}
