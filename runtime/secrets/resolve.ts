import { isSecretRef } from "./positions.js";
import { refsIn, replaceRefs } from "./refs.js";
import type { SecretRef } from "./types.js";
import { mapStrings } from "./walk.js";

export interface ResolvedSecrets<T> {
  /** Deep copy with every resolvable reference replaced by its value. */
  value: T;
  /** The distinct values of secret references (see positions.ts): feed them to `createRedactor`. */
  secrets: string[];
  /** References whose variable is unset or empty, each with its path, so the caller reports them all at once. */
  missing: SecretRef[];
}

export interface ResolveOptions {
  /** A reference this returns true for may stay unset: it is left as written, not reported missing. */
  optional?: (ref: SecretRef, text: string) => boolean;
}

/**
 * Substitutes `${env:NAME}` and `${secret:NAME}` references from `env`. An empty variable counts as
 * missing: an empty token or host is never intended. Only secrets are returned for masking:
 * configuration (a base URL's host, a tenant in a path) stays readable in logs and dry runs.
 */
export function resolveSecrets<T>(
  value: T,
  env: Record<string, string | undefined>,
  options: ResolveOptions = {},
): ResolvedSecrets<T> {
  const secrets = new Set<string>();
  const missing: SecretRef[] = [];
  const lookup = (name: string): string | undefined => lookupEnv(env, name);
  const resolved = mapStrings(value, (text, path) => {
    for (const ref of refsIn(text)) {
      const found = lookup(ref.name);
      if (found === undefined) {
        if (!options.optional?.({ path, ...ref }, text)) missing.push({ path, ...ref });
      }
      else if (isSecretRef({ path, ...ref }, text)) secrets.add(found);
    }
    return replaceRefs(text, lookup);
  });
  return { value: resolved, secrets: [...secrets], missing };
}

/** Own properties only (`${env:toString}` is not Object.prototype.toString); empty counts as unset. */
export function lookupEnv(env: Record<string, string | undefined>, name: string): string | undefined {
  const found = Object.hasOwn(env, name) ? env[name] : undefined;
  return found === undefined || found === "" ? undefined : found;
}

/**
 * A dry run calls the input and the filters only: it authenticates to no target and sends nothing,
 * and its plan masks every output secret. So the output's secrets may be unset in a dry run; its
 * configuration (base URL, path) is still needed to show where each request would go.
 */
export function unusedInDryRun(ref: SecretRef, text: string): boolean {
  return ref.path[0] === "output" && isSecretRef(ref, text);
}
