// Authoring: `cannectors import` of a condition, `.filter(...)` or `.when(...)` (../README.md).
import type { z } from "zod";
import { celCall, type ImportContext } from "../../../compiler/import/contract.js";
import type { FilterInput } from "../catalogue.js";
import type { BranchInput, ConditionFilter } from "./schema.js";

/** Writes one nested filter (a branch's steps); the compiler's dispatcher, passed in to avoid a cycle. */
type NestedCall = (filter: FilterInput, context: ImportContext, lead: string) => string;

function branch(value: BranchInput, context: ImportContext, nested: NestedCall): string {
  if (typeof value === "string") return JSON.stringify(value);
  return `(b) => b${value.map((f) => nested(f, context, "")).join("")}`;
}

export function importConditionFilter(
  filter: z.input<typeof ConditionFilter>,
  context: ImportContext,
  lead: string,
  nested: NestedCall,
): string {
  const condition = `(r) => ${celCall(filter.if, context)}`;
  const thenBranch = filter.then ?? "keep";
  const elseBranch = filter.else ?? "drop";
  if (thenBranch === "keep" && elseBranch === "drop") return `${lead}.filter(${condition})`;
  return `${lead}.when(${condition}, { then: ${branch(thenBranch, context, nested)}, else: ${branch(elseBranch, context, nested)} })`;
}
