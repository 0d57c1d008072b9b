/**
 * Dotted paths over JSON types, as the artifact's field paths spell them (`data`, `meta.items`).
 * Recursion is capped at a few levels: real API bodies nest records shallowly, and an uncapped
 * walk over a large spec's recursive schemas would make every instantiation expensive.
 */

/** Depth countdown: `Next[3]` is 2. */
type Next = [never, 0, 1, 2, 3];
type MaxDepth = 4;

type IsArray<T> = T extends readonly unknown[] ? true : false;

/** Paths (dotted) from `T` to a value that is an array. */
export type ArrayPaths<T, D extends number = MaxDepth> = [D] extends [never]
  ? never
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? {
          [K in keyof T & string]-?: IsArray<NonNullable<T[K]>> extends true
            ? K
            : NonNullable<T[K]> extends object
              ? `${K}.${ArrayPaths<NonNullable<T[K]>, Next[D]>}`
              : never;
        }[keyof T & string]
      : never;

/** Paths (dotted) from `T` to a scalar (string, number, boolean): what a cursor field can be. */
export type ScalarPaths<T, D extends number = MaxDepth> = [D] extends [never]
  ? never
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? {
          [K in keyof T & string]-?: NonNullable<T[K]> extends string | number | boolean
            ? K
            : NonNullable<T[K]> extends readonly unknown[]
              ? never
              : NonNullable<T[K]> extends object
                ? `${K}.${ScalarPaths<NonNullable<T[K]>, Next[D]>}`
                : never;
        }[keyof T & string]
      : never;

/** The type found at dotted path `P` in `T`; optional or nullable steps are looked through. */
export type AtPath<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof NonNullable<T>
    ? AtPath<NonNullable<NonNullable<T>[Head]>, Rest>
    : never
  : P extends keyof NonNullable<T>
    ? NonNullable<T>[P]
    : never;

export type ElementOf<A> = NonNullable<A> extends readonly (infer E)[] ? E : never;
