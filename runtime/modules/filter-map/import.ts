// Authoring: `cannectors import` of a map filter, `.map((r) => ({ ... }))` (../README.md).
import type { z } from "zod";
import { celCall, type ImportContext, plainValue } from "../../../compiler/import/contract.js";
import { nestedObject } from "../../../compiler/import/nested-targets.js";
import { pathAccess } from "../../../compiler/import/ts-literals.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import type { MapField, MapFilter } from "./schema.js";

function fieldValue(field: MapField, param: string, depth: number, context: ImportContext): string {
  if (field.expr !== undefined) return celCall(field.expr, context);
  if (field.value !== undefined) return plainValue(field.value, context);
  if (field.from === undefined)
    throw new CannectorsError(ErrorCodes.CONFIG_INVALID, `field ${field.target} has no source`);
  const source = pathAccess(param, field.from);
  if (field.each !== undefined) {
    if (field.default !== undefined) {
      throw new CannectorsError(
        ErrorCodes.CONFIG_INVALID,
        `field ${field.target}: each with a default cannot be imported`,
      );
    }
    const inner = `e${depth + 1}`;
    return `${source}.map((${inner}: ImportedRecord) => ${fieldsObject(field.each, inner, depth + 1, context)})`;
  }
  return field.default === undefined ? source : `${source} ?? ${plainValue(field.default, context)}`;
}

function fieldsObject(fields: readonly MapField[], param: string, depth: number, context: ImportContext): string {
  return `(${nestedObject(fields.map((f) => [f.target, fieldValue(f, param, depth, context)] as const))})`;
}

export function importMapFilter(filter: z.input<typeof MapFilter>, context: ImportContext, lead: string): string {
  const method = filter.keepUnmapped ? "mapKeepingUnmapped" : "map";
  return `${lead}.${method}((r) => ${fieldsObject(filter.fields, "r", 0, context)})`;
}
