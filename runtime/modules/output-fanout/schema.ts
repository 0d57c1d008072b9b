import * as z from "zod";
import { filterUnion } from "../../filters/filter-ref.js";
// Type-only: the filter union is built from every filter module (no runtime cycle).
import type { Filter, FilterInput, Output, OutputInput } from "../catalogue.js";
import { type CompositeSchema, type DeadLetterFile, NestedOutput } from "../output-ref.js";

export interface FanoutBranch {
  filters: Filter[];
  output: Output;
}
export interface FanoutBranchInput {
  filters?: FilterInput[] | undefined;
  output: OutputInput;
}
export interface FanoutOutput {
  type: "fanout";
  outputs: FanoutBranch[];
  deadLetter?: DeadLetterFile | undefined;
}
export interface FanoutOutputInput {
  type: "fanout";
  outputs: FanoutBranchInput[];
  deadLetter?: DeadLetterFile | undefined;
}

const Filters: z.ZodType<Filter[], FilterInput[]> = z.lazy(() =>
  z.array(filterUnion() as z.ZodType<Filter, FilterInput>),
);

export const FanoutOutput: CompositeSchema<FanoutOutput, FanoutOutputInput> = z
  .strictObject({
    type: z.literal("fanout"),
    outputs: z
      .array(
        z.strictObject({
          filters: Filters.default([]).describe(
            "This output's own mapping: filters run on the record after the connector's filters.",
          ),
          output: NestedOutput,
        }),
      )
      .min(1)
      .describe("Every output receives every record, through its own filters."),
    deadLetter: z
      .strictObject({ path: z.string().min(1) })
      .optional()
      .describe("NDJSON file for every output's failed records (each entry names its output)."),
  })
  .describe("Recipient list: each record goes to every listed output.");
