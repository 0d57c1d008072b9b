/**
 * How the IR's node types come from the artifact's zod schemas. A node holds what the user wrote:
 * the schema's `z.input` (fields with defaults optional), frozen by the builders, with the fields
 * whose DSL form differs swapped for the DSL's type (refs instead of `${env:X}` strings, lambdas
 * instead of CEL text). A field added to a schema appears in its node; a swapped or omitted field
 * renamed in a schema is a type error here; a field retyped is one in the module's lowering, which
 * must return the schema's `z.input`.
 */

/** Plain data as the builders freeze it: read-only all the way down. */
export type Frozen<T> = T extends readonly (infer E)[]
  ? readonly Frozen<E>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/** Every key of every member of a union (`keyof` of a union keeps only the common ones). */
type AllKeys<T> = T extends unknown ? keyof T : never;

/**
 * A schema's fields as its DSL node holds them: frozen, except those named in `Swapped`, which take
 * the DSL's type and keep the schema's optionality. `Swapped` may name only fields of the schema
 * (of some member, for a union); it distributes over a union's members.
 */
export type Authored<
  T,
  Swapped extends { readonly [K in Exclude<keyof Swapped, AllKeys<T>>]: never } = Record<never, never>,
> = {
  readonly [K in keyof T]: K extends keyof Swapped ? Swapped[K] : Frozen<T[K]>;
};

/** `Omit` that only takes fields of `T`: a field dropped from the DSL node and renamed in the schema is an error. */
export type Without<T, K extends keyof T> = Omit<T, K>;

/** Fields the builders always set, though the schema has a default for them. */
export type Always<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]-?: Exclude<T[P], undefined> };
