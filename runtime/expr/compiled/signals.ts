/**
 * What compiled code throws instead of computing an error message. Both are constants (no stack
 * capture): the caller catches them and re-runs the cel-js interpreter, which gives the exact error.
 */
export type Evaluate = (vars: Record<string, unknown>) => unknown;

/** The compiled code cannot be sure what the interpreter would answer (an error, or an unusual type). */
export const BAIL = Object.freeze({ signal: "bail" });

/** The interpreter certainly fails here with `no_such_key`, which `default` and `coalesce` read as absent. */
export const ABSENT = Object.freeze({ signal: "absent" });

export function bail(): never {
  throw BAIL;
}
