import { refsIn, replaceRefs } from "./refs.js";
import type { SecretRef } from "./types.js";
import { mapStrings } from "./walk.js";

export interface ResolvedSecrets<T> {
  /** Deep copy with every resolvable reference replaced by its value. */
  value: T;
  /** The distinct values substituted: feed them to `createRedactor`. */
  secrets: string[];
  /** References whose variable is unset or empty, each with its path, so the caller reports them all at once. */
  missing: SecretRef[];
}

/** Substitutes `${env:NAME}` references from `env`. An empty variable counts as missing: an empty token is never intended. */
export function resolveSecrets<T>(value: T, env: Record<string, string | undefined>): ResolvedSecrets<T> {
  const secrets = new Set<string>();
  const missing: SecretRef[] = [];
  const lookup = (name: string): string | undefined => {
    const found = Object.hasOwn(env, name) ? env[name] : undefined;
    return found === undefined || found === "" ? undefined : found;
  };
  const resolved = mapStrings(value, (text, path) => {
    for (const ref of refsIn(text)) {
      const found = lookup(ref.name);
      if (found === undefined) missing.push({ path, ...ref });
      else secrets.add(found);
    }
    return replaceRefs(text, lookup);
  });
  return { value: resolved, secrets: [...secrets], missing };
}
