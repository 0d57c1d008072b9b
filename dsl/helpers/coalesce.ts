type Nullish = null | undefined;

/** The type of the last argument's nullish part: only the last argument decides whether null can come out. */
type LastNullish<A extends readonly unknown[]> = A extends readonly [...unknown[], infer Last]
  ? Extract<Last, Nullish> extends never
    ? never
    : null
  : null;

/** The first argument that is neither null nor absent, else null. Lowered to `coalesce`. */
export function coalesce<const A extends readonly unknown[]>(...values: A): NonNullable<A[number]> | LastNullish<A> {
  for (const value of values) {
    if (value !== null && value !== undefined) return value as NonNullable<A[number]>;
  }
  return null as LastNullish<A>;
}
