import * as z from "zod";
import { Expression, FieldPath } from "../../artifact/common.js";

export const ComputeFilter = z
  .strictObject({
    type: z.literal("compute"),
    fields: z.array(z.strictObject({ target: FieldPath, expr: Expression })).min(1),
  })
  .describe("Adds or overwrites fields computed by CEL expressions; the rest of the record is kept.");

export type ComputeFilter = z.infer<typeof ComputeFilter>;
