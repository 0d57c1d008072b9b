import * as z from "zod";
import { Expression, FieldPath } from "../../artifact/common.js";

export interface MapField {
  target: string;
  from?: string | undefined;
  expr?: string | undefined;
  value?: unknown;
  default?: unknown;
  each?: MapField[] | undefined;
}

// Input and output alike (no field has a default): the import and the lowering type fields by it.
export const MapField: z.ZodType<MapField, MapField> = z
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

export type MapFilter = z.infer<typeof MapFilter>;
