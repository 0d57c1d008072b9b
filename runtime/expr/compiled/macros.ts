import { ABSENT, bail, type Evaluate } from "./signals.js";
import { isCelMap, jsonLike } from "./values.js";

/** Runs an argument, reading a certain `no_such_key` as absent (undefined), as runOrAbsent does. */
function absentTolerant(arg: Evaluate, vars: Record<string, unknown>): unknown {
  try {
    return arg(vars);
  } catch (signal) {
    if (signal === ABSENT) return undefined;
    throw signal;
  }
}

export function compileDefault(value: Evaluate, fallback: Evaluate): Evaluate {
  return (vars) => {
    const found = absentTolerant(value, vars);
    return found === undefined || found === null || found === "" ? fallback(vars) : found;
  };
}

export function compileCoalesce(args: readonly Evaluate[]): Evaluate {
  return (vars) => {
    for (const arg of args) {
      const found = absentTolerant(arg, vars);
      if (found !== undefined && found !== null) return found;
    }
    return null;
  };
}

/**
 * `has(a.b.c)`: `a.b` must exist (else no_such_key), and the answer is whether `c` is there.
 * `root` evaluates `a`, `names` are `b`, `c`.
 */
export function compileHas(root: Evaluate, names: readonly string[]): Evaluate {
  const last = names.length - 1;
  return (vars) => {
    let current = root(vars);
    for (let i = 0; i <= last; i++) {
      if (!isCelMap(current)) return bail();
      const name = names[i]!;
      current = Object.hasOwn(current, name) ? current[name] : undefined;
      if (current === undefined) {
        if (i === last) return false;
        throw ABSENT;
      }
      jsonLike(current);
    }
    return true;
  };
}
