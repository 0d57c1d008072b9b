import { z } from "zod";
import { Expression, FieldPath } from "../../artifact/common.js";

export interface MapField {
  target: string;
  from?: string | undefined;
  expr?: string | undefined;
  value?: unknown;
  default?: unknown;
  each?: MapField[] | undefined;
}

export const MapField: z.ZodType<MapField> = z
  .lazy(() =>
    z
      .strictObject({
        target: FieldPath.describe("Where the value goes in the output record; dots create nested objects."),
        from: FieldPath.optional().describe("Source field to copy."),
        expr: Expression.optional().describe("CEL expression computing the value."),
        value: z.unknown().optional().describe("A constant."),
        default: z.unknown().optional().describe("Used when the source is absent or null."),
        each: z
          .array(MapField)
          .optional()
          .describe("With `from` naming an array: map every element with these fields (`record` is the element)."),
      })
      .superRefine((field, ctx) => {
        const sources = (["from", "expr", "value"] as const).filter((k) => field[k] !== undefined);
        if (sources.length !== 1) {
          ctx.addIssue({
            code: "custom",
            message: `exactly one of from, expr or value is required (got ${sources.length === 0 ? "none" : sources.join(", ")})`,
          });
        }
        if (field.each !== undefined && field.from === undefined) {
          ctx.addIssue({ code: "custom", path: ["each"], message: "each needs `from` to name the source array" });
        }
      }),
  )
  .meta({ id: "MapField" });

export const MapFilter = z
  .strictObject({
    type: z.literal("map"),
    fields: z.array(MapField).min(1),
    keepUnmapped: z.boolean().default(false).describe("Copy the fields that no entry mentions."),
  })
  .describe("Builds the output record field by field.");

export const ComputeFilter = z
  .strictObject({
    type: z.literal("compute"),
    fields: z.array(z.strictObject({ target: FieldPath, expr: Expression })).min(1),
  })
  .describe("Adds or overwrites fields computed by CEL expressions; the rest of the record is kept.");

export type Filter =
  | z.infer<typeof MapFilter>
  | z.infer<typeof ComputeFilter>
  | {
      type: "condition";
      if: string;
      then: "keep" | "drop" | Filter[];
      else: "keep" | "drop" | Filter[];
    };

const Branch: z.ZodType<"keep" | "drop" | Filter[]> = z.lazy(() =>
  z.union([z.enum(["keep", "drop"]), z.array(Filter)]),
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

export const Filter: z.ZodType<Filter> = z
  .lazy(() => z.discriminatedUnion("type", [MapFilter, ConditionFilter, ComputeFilter]))
  .meta({ id: "Filter" });

export type MapFilter = z.infer<typeof MapFilter>;
export type ComputeFilter = z.infer<typeof ComputeFilter>;
export type ConditionFilter = Extract<Filter, { type: "condition" }>;
