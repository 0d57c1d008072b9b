import * as z from "zod";
import { Expression } from "../../artifact/common.js";
import { filterUnion } from "../../filters/filter-ref.js";
// Type-only: the union is built from every filter module, this one included (no runtime cycle).
import type { Filter, FilterInput } from "../catalogue.js";

// Interfaces, not aliases: TypeScript resolves them lazily, which lets the union contain itself.
export interface FilterList extends Array<Filter> {}
export interface FilterInputList extends Array<FilterInput> {}

export type Branch = "keep" | "drop" | FilterList;
export type BranchInput = "keep" | "drop" | FilterInputList;

const Branch: z.ZodType<Branch, BranchInput> = z.lazy(() =>
  z.union([z.enum(["keep", "drop"]), z.array(filterUnion() as z.ZodType<Filter, FilterInput>)]),
);

export const ConditionFilter = z
  .strictObject({
    type: z.literal("condition"),
    if: Expression,
    // biome-ignore lint/suspicious/noThenProperty: never a function, so the object cannot act as a thenable
    then: Branch.default("keep").describe("keep, drop, or filters to run when the condition holds."),
    else: Branch.default("drop").describe("keep, drop, or filters to run otherwise."),
  })
  .describe("Routes each record on a CEL condition.");

export type ConditionFilter = z.infer<typeof ConditionFilter>;
