import { CannectorsError, ErrorCodes } from "../errors/index.js";

/** The three SQL families the SQL input and output speak; MariaDB and MySQL share one. */
export type Dialect = "postgres" | "mysql" | "sqlite";

/** The dialect a connection URL names: `postgres://`, `mysql://` / `mariadb://`, `sqlite:` / `file:`. */
export function dialectOf(url: string): Dialect {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgres";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  if (scheme === "sqlite" || scheme === "file") return "sqlite";
  throw new CannectorsError(
    ErrorCodes.CONFIG_INVALID,
    "the SQL connection must be a postgres://, mysql://, mariadb:// or sqlite: URL",
    // The URL itself may hold a password: only its scheme is named.
    { details: { scheme: scheme ?? "" } },
  );
}

/** A SQL identifier, quoted: `schema.table` quotes each part; a quote inside is doubled. */
export function quoteIdent(dialect: Dialect, name: string): string {
  const quote = dialect === "mysql" ? "`" : '"';
  return name
    .split(".")
    .map((part) => `${quote}${part.split(quote).join(quote + quote)}${quote}`)
    .join(".");
}

/** The placeholder of the `index`-th bound value (from 1). */
export function placeholder(dialect: Dialect, index: number): string {
  return dialect === "postgres" ? `$${index}` : "?";
}

/** How many values one statement may bind: PostgreSQL's and MySQL's protocol limit, SQLite's default. */
export function maxBoundValues(dialect: Dialect): number {
  return dialect === "sqlite" ? 32_766 : 65_535;
}
