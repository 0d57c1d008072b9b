import type { MapFilter } from "../../artifact/index.js";
import type { JsonRecord } from "../../engine/modules.js";
import { generateMap } from "./map-codegen.js";
import { compileFieldParts, type FieldParts } from "./map-field.js";
import { cloneJson, defineField, type PathSegment, parsePath } from "../../json/path.js";
import type { FilterStep } from "../../filters/step.js";

/**
 * Builds a new record field by field. With keepUnmapped, the source's top-level fields that no
 * entry mentions (as the head of a `from` or of a `target`) are copied after the mapped ones.
 * Runs as one generated function (map-codegen.ts), or as closures where code generation is off.
 */
export function compileMap(filter: MapFilter, path: readonly PathSegment[]): FilterStep {
  const fields = filter.fields.map((field, index) =>
    compileFieldParts(field, [...path, "fields", index], false, field.target),
  );
  const mentioned = new Set<string>();
  for (const field of filter.fields) {
    mentioned.add(String(parsePath(field.target)[0]));
    if (field.from !== undefined) mentioned.add(String(parsePath(field.from)[0]));
  }
  const keepUnmapped =
    filter.keepUnmapped === true
      ? (out: JsonRecord, record: JsonRecord) => {
          for (const key of Object.keys(record)) {
            if (!mentioned.has(key)) defineField(out, key, record[key]);
          }
        }
      : undefined;
  return generateMap(fields, keepUnmapped) ?? closureMap(fields, keepUnmapped);
}

function closureMap(
  fields: readonly FieldParts[],
  keepUnmapped: ((out: JsonRecord, record: JsonRecord) => void) | undefined,
): FilterStep {
  return (record, seq) => {
    const out: JsonRecord = {};
    const scope = { record };
    for (const { read, write, hasDefault, fallback } of fields) {
      let value = read(scope, seq);
      if ((value === undefined || value === null) && hasDefault) value = cloneJson(fallback);
      if (value !== undefined) write(out, value);
    }
    keepUnmapped?.(out, record);
    return out;
  };
}
