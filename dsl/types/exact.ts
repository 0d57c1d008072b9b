/** The message a misspelt target field shows in the compiler's error. */
export type UnknownTargetField = "✖ unknown field: not a key of the target record";

/** Objects whose keys are checked; arrays, functions and primitives are left to `R extends T`. */
type Checked<X> = X extends readonly unknown[]
  ? false
  : X extends (...args: never[]) => unknown
    ? false
    : X extends object
      ? true
      : false;

/** Extra keys of `R` over `T`, at this level or in nested object literals. */
type HasExtraKeys<R, T> = [Exclude<keyof R, keyof T>] extends [never]
  ? true extends { [K in keyof R]: K extends keyof T ? NestedExtra<R[K], T[K]> : never }[keyof R]
    ? true
    : false
  : true;

type NestedExtra<V, TV> =
  Checked<V> extends true ? (HasExtraKeys<V, NonNullable<TV>> extends true ? true : false) : false;

/**
 * `R` unchanged when no key, at any depth of nested objects, is outside `T`; otherwise `R` with
 * every extra key's type replaced by a message, so the error lands on the misspelt key and names
 * the problem. Missing and mistyped fields need nothing here: the caller constrains `R extends T`.
 */
export type Exact<R, T> = HasExtraKeys<R, T> extends false ? R : Marked<R, T>;

type Marked<R, T> = {
  [K in keyof R]: K extends keyof T
    ? Checked<R[K]> extends true
      ? Exact<R[K], NonNullable<T[K]>>
      : R[K]
    : UnknownTargetField;
};
