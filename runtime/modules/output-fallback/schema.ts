import * as z from "zod";
import type { Output, OutputInput } from "../catalogue.js";
import { type CompositeSchema, type DeadLetterFile, NestedOutput } from "../output-ref.js";

export interface FallbackOutput {
  type: "fallback";
  primary: Output;
  fallback: Output;
  deadLetter?: DeadLetterFile | undefined;
}
export interface FallbackOutputInput {
  type: "fallback";
  primary: OutputInput;
  fallback: OutputInput;
  deadLetter?: DeadLetterFile | undefined;
}

export const FallbackOutput: CompositeSchema<FallbackOutput, FallbackOutputInput> = z
  .strictObject({
    type: z.literal("fallback"),
    primary: NestedOutput.describe("Where records go first."),
    fallback: NestedOutput.describe("Where a record goes when the primary output fails it permanently."),
    deadLetter: z
      .strictObject({ path: z.string().min(1) })
      .optional()
      .describe("NDJSON file for records both outputs failed (each entry names the output that failed last)."),
  })
  .describe("Dead-letter channel: a record the primary output refuses goes to a second output instead.");
