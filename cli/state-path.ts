import path from "node:path";
import { isPostgresUrl } from "../runtime/state/open.js";

/**
 * `--state`, else CANNECTORS_STATE, else `.cannectors/state.db` under the working directory. A
 * `postgres://` (or `postgresql://`) URL is kept as it is: the state is then in PostgreSQL.
 */
export function resolveStatePath(flag?: string): string {
  const given = flag ?? process.env.CANNECTORS_STATE ?? path.join(".cannectors", "state.db");
  return isPostgresUrl(given) ? given : path.resolve(given);
}
