/** `?` placeholders as PostgreSQL's `$n`: the statements shared with SQLite are the same in both dialects. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
