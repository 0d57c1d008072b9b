/** The message a misspelt target field shows in the compiler's error. */
export type UnknownTargetField = "✖ unknown field: not a key of the target record";

/**
 * `R` unchanged when it has no key outside `T`; otherwise `R` with every extra key's type
 * replaced by a message, so the error lands on the misspelt key and names the problem. Missing
 * and mistyped fields need nothing here: the caller constrains `R extends T`.
 */
export type Exact<R, T> = [Exclude<keyof R, keyof T>] extends [never]
  ? R
  : { [K in keyof R]: K extends keyof T ? R[K] : UnknownTargetField };
