import { CannectorsError, ErrorCodes } from "../../errors/index.js";

/** Where a PostgreSQL state lives, split into what the driver needs and what messages may show. */
export interface PostgresLocation {
  /** The URL for the driver, without our own `schema` parameter. */
  connectionString: string;
  /** The schema holding the tables (created if missing); PostgreSQL's search_path when not given. */
  schema: string | undefined;
  /** user@host:port/database?schema=…: never the password, nor any other query parameter (they may hold one). */
  label: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Reads `postgres://user:password@host:port/database?schema=name&…`. The `schema` parameter is
 * ours (one schema per deployment or test); every other parameter goes to the driver as it is.
 */
export function parsePostgresUrl(url: string): PostgresLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL itself may hold a password: the message never repeats it.
    throw new CannectorsError(
      ErrorCodes.STATE,
      "the PostgreSQL state URL cannot be parsed (postgres://user@host:port/database)",
    );
  }
  const schema = parsed.searchParams.get("schema") ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new CannectorsError(
      ErrorCodes.STATE,
      `the schema parameter of the PostgreSQL state URL must be a plain identifier (letters, digits, _; got ${JSON.stringify(schema.slice(0, 70))})`,
    );
  }
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema, label: labelOf(parsed, schema) };
}

/** What messages show of a state location: a file path as it is, a PostgreSQL URL without secrets. */
export function stateLabel(location: string): string {
  if (!/^postgres(ql)?:\/\//i.test(location)) return location;
  try {
    const parsed = new URL(location);
    return labelOf(parsed, parsed.searchParams.get("schema") ?? undefined);
  } catch {
    return "postgres://(unparsable URL)";
  }
}

function labelOf(parsed: URL, schema: string | undefined): string {
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
  const port = parsed.port ? `:${parsed.port}` : "";
  const query = schema === undefined ? "" : `?schema=${schema}`;
  return `${parsed.protocol}//${user}${parsed.hostname}${port}${parsed.pathname}${query}`;
}
