import { Environment } from "@marcbachmann/cel-js";
import { registerTimeConversions } from "./interpreter/time-conversions.js";
import { registerLibrary } from "./library/index.js";
import { PARSE_LIMITS } from "./limits.js";
import { registerMixedNumericOperators } from "./numeric-operators.js";

/**
 * Building a cel-js Environment is the expensive part, so there is one base environment with the
 * library, and one clone per distinct variable set (`record`; `record, root`; `response, page`...),
 * cached for the life of the process. Every variable is `dyn`: records are arbitrary JSON.
 */
let base: Environment | undefined;
const byVariables = new Map<string, Environment>();

function baseEnvironment(): Environment {
  if (base) return base;
  const env = new Environment({
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    limits: PARSE_LIMITS,
  });
  registerLibrary(env);
  registerMixedNumericOperators(env);
  registerTimeConversions(env);
  base = env;
  return env;
}

export function environmentFor(variables: readonly string[]): Environment {
  const key = [...variables].sort().join(",");
  const cached = byVariables.get(key);
  if (cached) return cached;
  const env = baseEnvironment().clone();
  for (const name of new Set(variables)) env.registerVariable(name, "dyn");
  byVariables.set(key, env);
  return env;
}
