import { checkSqlConnection } from "../../sql/check.js";
import { dialectOf } from "../../sql/dialect.js";
import type { SqlOutput } from "./schema.js";

/**
 * What zod cannot say about a SQL output at `at` (`output`, or where a routes, fanout or fallback
 * holds it): a URL whose scheme names no dialect, COPY off PostgreSQL.
 */
export function checkSqlOutput(
  output: SqlOutput,
  at: readonly (string | number)[] = ["output"],
): { path: (string | number)[]; message: string }[] {
  const problems = checkSqlConnection(output.connection, at);
  if (problems.length > 0 || output.connection.startsWith("${")) return problems;
  const dialect = dialectOf(output.connection);
  if (output.bulk === "copy" && dialect !== "postgres") {
    return [{ path: [...at, "bulk"], message: `bulk copy is PostgreSQL's; a ${dialect} table loads with statements` }];
  }
  return [];
}
