import type { z } from "zod";

/**
 * A condition's branches hold filters of any kind, so the condition schema refers to the whole
 * filter union. The union is built by the catalogue from every filter module, condition included;
 * importing it here would be a cycle, so the catalogue binds it once and branches read it from
 * inside their `z.lazy` (read at parse time, after every module has loaded).
 */
let union: z.ZodType | undefined;

export function bindFilterUnion(schema: z.ZodType): void {
  union = schema;
}

export function filterUnion(): z.ZodType {
  // A bug in the program, not in a connector: the catalogue binds the union as it loads.
  if (union === undefined) throw new Error("the filter union is read before runtime/modules/catalogue.ts bound it");
  return union;
}
