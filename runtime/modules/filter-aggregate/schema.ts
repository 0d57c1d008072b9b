import * as z from "zod";
import { FieldPath } from "../../artifact/common.js";

const Target = FieldPath.describe("Where the value goes in the aggregate record (a dotted name).");

export const AggregateField = z.union([
  z.strictObject({ target: Target, op: z.literal("count") }).describe("The number of records in the group."),
  z
    .strictObject({
      target: Target,
      op: z.enum(["collect", "sum", "first", "last"]),
      from: FieldPath.describe("The field read from each record of the group."),
    })
    .describe(
      "`collect`: the values in a list, in order (missing ones left out); `sum`: the exact decimal sum (no binary rounding: 0.1 + 0.2 is 0.3, 19.99 keeps its cents), an integer when every value is; `first` / `last`: the first / last value present.",
    ),
]);

export const AggregateFilter = z
  .strictObject({
    type: z.literal("aggregate"),
    groupBy: z
      .array(FieldPath)
      .min(1)
      .describe("The key fields: records with equal values form one group; the aggregate record carries them."),
    fields: z.array(AggregateField).min(1),
    window: z
      .union([
        z.strictObject({ pages: z.number().int().min(1).describe("Groups span this many source pages.") }),
        z.strictObject({
          records: z.number().int().min(1).describe("Groups close once this many records have come in."),
        }),
      ])
      .optional()
      .describe("How far a group reaches; default: one source page."),
  })
  .describe(
    "Many records into one per key, within a page (or a window of pages or records). An aggregate goes out once its window closes (at the end of the stream at the latest), carrying the position of its first record; the cursor passes its records only once it is acknowledged.",
  );

export type AggregateFilter = z.infer<typeof AggregateFilter>;
export type AggregateField = z.infer<typeof AggregateField>;
