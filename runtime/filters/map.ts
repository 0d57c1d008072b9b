import type { MapFilter } from "../artifact/index.js";
import type { JsonRecord } from "../engine/modules.js";
import { compileMapField } from "./map-field.js";
import { defineField, type PathSegment, parsePath } from "../json/path.js";
import type { FilterStep } from "./step.js";

/**
 * Builds a new record field by field. With keepUnmapped, the source's top-level fields that no
 * entry mentions (as the head of a `from` or of a `target`) are copied after the mapped ones.
 */
export function compileMap(filter: MapFilter, path: readonly PathSegment[]): FilterStep {
  const writers = filter.fields.map((field, index) =>
    compileMapField(field, [...path, "fields", index], false, field.target),
  );
  const mentioned = new Set<string>();
  for (const field of filter.fields) {
    mentioned.add(String(parsePath(field.target)[0]));
    if (field.from !== undefined) mentioned.add(String(parsePath(field.from)[0]));
  }
  const keepUnmapped = filter.keepUnmapped === true;
  return (record, seq) => {
    const out: JsonRecord = {};
    const scope = { record };
    for (const write of writers) write(scope, out, seq);
    if (keepUnmapped) {
      for (const key of Object.keys(record)) {
        if (!mentioned.has(key)) defineField(out, key, record[key]);
      }
    }
    return out;
  };
}
