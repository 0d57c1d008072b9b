/**
 * The column types `cannectors types --db` writes (one interface per table, in the manner of
 * kysely-codegen) and what a row of them is on either side: `Selectable` is the record the SQL
 * input reads, `Insertable` the record the SQL output writes, where a column the database fills
 * (a default, an identity, nullable) is optional and a generated one is absent.
 */

/** A column read as `Select` and written as `Insert` (say, `number | string` digits into a bigint). */
export interface ColumnType<Select, Insert = Select> {
  readonly __select__: Select;
  readonly __insert__: Insert;
}
/** The database fills it when not written: a DEFAULT, an identity BY DEFAULT, an auto-increment. */
export type Generated<Select, Insert = Select> = ColumnType<Select, Insert | undefined>;
/** Computed by the database (a generated column, an identity ALWAYS): never written. */
export type GeneratedAlways<Select> = ColumnType<Select, never>;

type SelectOf<C> = C extends ColumnType<infer S, unknown> ? S : C;
type InsertOf<C> = C extends ColumnType<unknown, infer I> ? I : C;

type Writable<T> = { [K in keyof T]: [InsertOf<T[K]>] extends [never] ? never : K }[keyof T];
/** Columns an insert may leave out: filled by the database, or NULL. */
type Optional<T> = {
  [K in keyof T]: undefined extends InsertOf<T[K]> ? K : null extends InsertOf<T[K]> ? K : never;
}[keyof T];

/** A row as the SQL input reads it. */
export type Selectable<T> = { [K in keyof T]: SelectOf<T[K]> };

/** A row as the SQL output writes it: required columns required, generated ones absent. */
export type Insertable<T> = {
  [K in Exclude<Writable<T>, Optional<T>>]: InsertOf<T[K]>;
} & { [K in Extract<Writable<T>, Optional<T>>]?: Exclude<InsertOf<T[K]>, undefined> } extends infer R
  ? { [K in keyof R]: R[K] }
  : never;
