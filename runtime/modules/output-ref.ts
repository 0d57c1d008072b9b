import * as z from "zod";
// Type-only: the union is built from every output module, the composite ones included (no runtime cycle).
import type { Output, OutputInput } from "./catalogue.js";

/**
 * Routes, fanout and fallback outputs hold outputs of any kind, so their schemas refer to the whole
 * output union, which the catalogue builds from every output module (theirs included). As with
 * nested filters (runtime/filters/filter-ref.ts), the catalogue binds the union as it loads and the
 * composite schemas read it lazily, at parse time.
 */
let union: z.ZodType<Output, OutputInput> | undefined;

export function bindOutputUnion(schema: z.ZodType<Output, OutputInput>): void {
  union = schema;
}

/** An output nested in a composite output: any kind of the catalogue. */
export const NestedOutput: z.ZodType<Output, OutputInput> = z.lazy(() => {
  // A bug in the program, not in a connector: the catalogue binds the union as it loads.
  if (union === undefined) throw new Error("the output union is read before runtime/modules/catalogue.ts bound it");
  return union;
});

/**
 * A composite output's schema, typed by hand: its value types are interfaces, which TypeScript
 * resolves lazily, so the Output union may hold outputs that hold outputs. The schema is checked
 * against them where it is declared; `$ZodTypeDiscriminable` keeps it a member of the union.
 */
export type CompositeSchema<O, I> = z.ZodType<O, I> & z.core.$ZodTypeDiscriminable;

/** Where a composite's failed records go; each entry names the output that failed it. */
export interface DeadLetterFile {
  path: string;
}
