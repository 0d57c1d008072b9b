export { stateLabel } from "./postgres/url.js";
import { type OpenStateOptions, openStateStore } from "./store.js";
import type { StateStore } from "./types.js";

/** `postgres://…` or `postgresql://…`: the state lives in PostgreSQL; anything else is an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the state wherever `location` says: a PostgreSQL URL, else an SQLite file path (the
 * default). The PostgreSQL driver is loaded only when a URL asks for it.
 */
export async function openState(location: string, options: OpenStateOptions = {}): Promise<StateStore> {
  if (!isPostgresUrl(location)) return openStateStore(location, options);
  const { openPostgresState } = await import("./postgres/store.js");
  return openPostgresState(location);
}
