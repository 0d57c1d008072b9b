import path from "node:path";

/** `--state`, else CANNECTORS_STATE, else `.cannectors/state.db` under the working directory. */
export function resolveStatePath(flag?: string): string {
  return path.resolve(flag ?? process.env.CANNECTORS_STATE ?? path.join(".cannectors", "state.db"));
}
