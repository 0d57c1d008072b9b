/**
 * The import contract: what a module's `import.ts` receives to write its part of a DSL file. The
 * compiler builds the context (import-artifact.ts); modules write TypeScript source text.
 */
import { literal, propertyKey } from "./ts-literals.js";

export interface ImportContext {
  use(name: string): void;
  /** Declares a module-level constant (folded back into a `value` by the lowering) and returns its name. */
  constant(value: unknown): string;
  /** An inline `api({ baseUrl, auth })` for a filter that calls out (enrich). */
  api(spec: { baseUrl?: string; auth?: unknown }): string;
}

/** A CEL expression kept as is: `cel("...")`, which the lowering reads back verbatim. */
export function celCall(expression: string, context: ImportContext): string {
  context.use("cel");
  return `cel(${JSON.stringify(expression)})`;
}

/** A scalar as a literal; an object or array as a module-level constant (keeps the call on one line). */
export function plainValue(value: unknown, context: ImportContext): string {
  return typeof value === "object" && value !== null ? context.constant(value) : literal(value);
}

/** The artifact as written: fields the schema would default may be absent. */
export type Written<T> = { [K in keyof T]?: T[K] };

/** An options object literal from its entries; absent (undefined) entries are left out. */
export function optionsLiteral(entries: readonly [string, string | undefined][]): string {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return present.length === 0 ? "{}" : `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} }`;
}

/** `write(value)`, or undefined (the entry left out) when the value is absent. */
export function maybe<V>(value: V | undefined, write: (v: V) => string): string | undefined {
  return value === undefined ? undefined : write(value);
}
