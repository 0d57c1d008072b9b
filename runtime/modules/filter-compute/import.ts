// Authoring: `cannectors import` of a compute filter, `.compute((r) => ({ ... }))` (../README.md).
import type { z } from "zod";
import { celCall, type ImportContext } from "../../../compiler/import/contract.js";
import { nestedObject } from "../../../compiler/import/nested-targets.js";
import type { ComputeFilter } from "./schema.js";

export function importComputeFilter(
  filter: z.input<typeof ComputeFilter>,
  context: ImportContext,
  lead: string,
): string {
  const entries = filter.fields.map((f) => [f.target, celCall(f.expr, context)] as const);
  return `${lead}.compute((r) => (${nestedObject(entries)}))`;
}
