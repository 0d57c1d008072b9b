import * as z from "zod";
import { Expression } from "../../artifact/common.js";
import type { Output, OutputInput } from "../catalogue.js";
import { type CompositeSchema, type DeadLetterFile, NestedOutput } from "../output-ref.js";

export interface Route {
  when: string;
  output: Output;
}
export interface RouteInput {
  when: string;
  output: OutputInput;
}
export interface RoutesOutput {
  type: "routes";
  routes: Route[];
  default: "drop" | Output;
  deadLetter?: DeadLetterFile | undefined;
}
export interface RoutesOutputInput {
  type: "routes";
  routes: RouteInput[];
  default: "drop" | OutputInput;
  deadLetter?: DeadLetterFile | undefined;
}

export const RoutesOutput: CompositeSchema<RoutesOutput, RoutesOutputInput> = z
  .strictObject({
    type: z.literal("routes"),
    routes: z
      .array(
        z.strictObject({
          when: Expression.describe("CEL condition on `record`; must give a bool."),
          output: NestedOutput,
        }),
      )
      .min(1)
      .describe("Tried in order: a record goes to the first route whose `when` holds."),
    default: z
      .union([z.literal("drop"), NestedOutput])
      .describe("Where a record no route takes goes: an output, or `drop` (said explicitly, never implied)."),
    deadLetter: z
      .strictObject({ path: z.string().min(1) })
      .optional()
      .describe("NDJSON file for every route's failed records (each entry names its output)."),
  })
  .describe("Content-based router: each record goes to one output, chosen by condition.");
