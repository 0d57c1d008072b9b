import { maxBoundValues, placeholder, quoteIdent } from "../../sql/dialect.js";
import type { SqlPool } from "../../sql/pool.js";
import type { BoundValue } from "../../sql/values.js";

const SEEN = "cannectors_seen";

/**
 * A full sync's last step: in one transaction, the keys this run wrote go into a temporary table
 * with the key columns' own types, then every row whose key is not there is deleted. Returns how
 * many rows went. Runs only after a complete run with no failed record (see run.ts).
 */
export async function deleteMissingKeys(
  pool: SqlPool,
  table: string,
  key: readonly string[],
  written: ReadonlySet<string>,
): Promise<number> {
  const { dialect } = pool;
  const q = (name: string) => quoteIdent(dialect, name);
  const columns = key.map(q).join(", ");
  const seen = q(SEEN);
  const temp = dialect === "mysql" ? "TEMPORARY" : "TEMP";
  return pool.transaction(async (session) => {
    await session.query(`DROP ${dialect === "mysql" ? "TEMPORARY " : ""}TABLE IF EXISTS ${seen}`);
    await session.query(`CREATE ${temp} TABLE ${seen} AS SELECT ${columns} FROM ${q(table)} LIMIT 0`);
    const perStatement = Math.floor(maxBoundValues(dialect) / key.length);
    const keys = [...written].map((text) => JSON.parse(text) as BoundValue[]);
    for (let start = 0; start < keys.length; start += perStatement) {
      const chunk = keys.slice(start, start + perStatement);
      let n = 0;
      const tuples = chunk.map((parts) => `(${parts.map(() => placeholder(dialect, ++n)).join(", ")})`);
      await session.query(`INSERT INTO ${seen} (${columns}) VALUES ${tuples.join(", ")}`, chunk.flat());
    }
    const match = key.map((column) => `${seen}.${q(column)} = ${q(table)}.${q(column)}`).join(" AND ");
    const counted = await session.query(
      `SELECT COUNT(*) AS n FROM ${q(table)} WHERE NOT EXISTS (SELECT 1 FROM ${seen} WHERE ${match})`,
    );
    await session.query(`DELETE FROM ${q(table)} WHERE NOT EXISTS (SELECT 1 FROM ${seen} WHERE ${match})`);
    await session.query(`DROP ${dialect === "mysql" ? "TEMPORARY " : ""}TABLE ${seen}`);
    return Number(counted[0]?.n ?? 0);
  });
}
