/**
 * `db<Tables>({ connection })`, with `Tables` written by `cannectors types --db URL`: the SQL
 * output's and input's record types come from the table, as an API's come from its OpenAPI spec.
 */
import { type SqlTableOptions, sqlTable } from "../runtime/modules/output-sql/dsl.js";
import { sqlQuery, sqlSource } from "../runtime/modules/input-sql/dsl.js";
import type { Insertable, Selectable } from "./db-columns.js";
import type { InputEndpoint, OutputEndpoint } from "./endpoint.js";
import type { StringValue } from "./ir.js";
import { dslMisuse } from "./misuse.js";
import type { SqlInputNode, SqlTlsNode } from "./sql-ir.js";

export type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from "./db-columns.js";

export interface DbOptions {
  /** The database URL, normally `secret("DATABASE_URL")`. */
  connection?: StringValue;
  tls?: SqlTlsNode;
  /** The server's limit for one statement, e.g. `"30s"`. */
  statementTimeout?: string;
}

type SourceOptions<Row> = Omit<
  SqlInputNode,
  "kind" | "type" | "connection" | "query" | "params" | "table" | "columns" | "incremental"
> & {
  connection?: StringValue;
  incremental?: { column: keyof Row & string; key: keyof Row & string };
};

export interface Db<Tables> {
  /** The table as a target: the map must give every required column, each of its column's type. */
  table<const N extends keyof Tables & string>(
    name: N,
    options?: Omit<SqlTableOptions<Insertable<Tables[N]>>, "table" | "connection"> & { connection?: StringValue },
  ): OutputEndpoint<Insertable<Tables[N]>>;
  /** The table as a source: records are its rows (only `columns` when given). */
  source<const N extends keyof Tables & string, const C extends keyof Tables[N] & string = keyof Tables[N] & string>(
    name: N,
    options?: SourceOptions<Selectable<Tables[N]>> & { columns?: readonly C[] },
  ): InputEndpoint<Pick<Selectable<Tables[N]>, C>>;
  /** A query as a source, its row type declared: `query<Row>("SELECT ... WHERE region = $1", ["eu"])`. */
  query<Row>(sql: string, params?: SqlInputNode["params"], options?: SourceOptions<Row>): InputEndpoint<Row>;
}

export function db<Tables>(defaults: DbOptions = {}): Db<Tables> {
  const connectionOf = (what: string, given: StringValue | undefined): StringValue => {
    const connection = given ?? defaults.connection;
    if (connection === undefined) throw dslMisuse(`db ${what}: no connection (give db({ connection }) or the option)`);
    return connection;
  };
  const shared = { tls: defaults.tls, statementTimeout: defaults.statementTimeout };
  const defined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.freeze({
    table(name: string, options: Record<string, unknown> = {}) {
      const connection = connectionOf(`table ${name}`, options.connection as StringValue | undefined);
      return sqlTable(defined({ ...shared, ...options, connection, table: name }) as never);
    },
    source(name: string, options: Record<string, unknown> = {}) {
      const { connection, ...rest } = options;
      return sqlSource(
        connectionOf(`source ${name}`, connection as StringValue | undefined),
        name,
        defined({ ...shared, ...rest }),
      );
    },
    query(sql: string, params: SqlInputNode["params"] = [], options: Record<string, unknown> = {}) {
      const { connection, ...rest } = options;
      return sqlQuery(
        connectionOf("query", connection as StringValue | undefined),
        sql,
        params,
        defined({ ...shared, ...rest }),
      );
    },
  }) as unknown as Db<Tables>;
}
