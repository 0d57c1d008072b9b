import * as z from "zod";
import { FieldPath } from "../../artifact/common.js";

export const SplitFilter = z
  .strictObject({
    type: z.literal("split"),
    field: FieldPath.describe("The array field to explode: one record per element, in order."),
    as: FieldPath.optional().describe(
      "Where each element goes in its record (a dotted name); default: `field` itself (the element replaces the array).",
    ),
    keep: z
      .array(FieldPath)
      .optional()
      .describe("Parent fields copied into every element's record; default: every field of the parent but `field`."),
  })
  .describe(
    "One record into many: an array field exploded into one record per element. An empty array leaves no record; a missing field or a value that is not an array is that record's failure (dead letter). The records share their parent's position, so the cursor passes the parent once all of them are acknowledged.",
  );

export type SplitFilter = z.infer<typeof SplitFilter>;
