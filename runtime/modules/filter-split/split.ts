import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { compileFailure, moduleRef } from "../../filters/filter-error.js";
import type { ManyStep } from "../../filters/step.js";
import { targetSegments } from "../../filters/targets.js";
import {
  compilePathReader,
  copyRecord,
  defineField,
  type JsonRecord,
  type PathSegment,
  parsePath,
  readPath,
  writePath,
} from "../../json/path.js";
import type { SplitFilter } from "./schema.js";

/** One record per element of `field`, each with the kept parent fields and the element at `as`. */
export function compileSplit(filter: SplitFilter, path: readonly PathSegment[]): ManyStep {
  const ref = moduleRef(path, `split → ${filter.field}`);
  let as: string[];
  let keep: { read: (value: unknown) => unknown; write: string[] }[] | undefined;
  let field: string[];
  try {
    field = targetSegments(filter.field);
    as = targetSegments(filter.as ?? filter.field);
    keep = filter.keep?.map((name) => ({ read: compilePathReader(parsePath(name)), write: targetSegments(name) }));
  } catch (error) {
    throw compileFailure(ref, error);
  }
  const readField = compilePathReader(field);
  return {
    kind: "many",
    run(record, seq) {
      const items = readField(record);
      if (!Array.isArray(items)) {
        const what = items === undefined || items === null ? "is missing" : `is a ${typeof items}, not an array`;
        throw new CannectorsError(
          ErrorCodes.EVALUATION,
          `record #${seq}: ${ref.path} (${ref.label}): ${filter.field} ${what}`,
          {
            details: { seq, module: ref.path },
          },
        );
      }
      const parent = keep === undefined ? withoutField(record, field) : undefined;
      return items.map((item) => {
        const out: JsonRecord = parent !== undefined ? copyRecord(parent) : {};
        if (keep !== undefined) {
          for (const kept of keep) {
            const value = kept.read(record);
            if (value !== undefined) writePath(out, kept.write, value);
          }
        }
        writePath(out, as, item);
        return out;
      });
    },
  };
}

/** The parent without the exploded array (a shallow copy down the field's path). */
function withoutField(record: JsonRecord, field: readonly string[]): JsonRecord {
  const out = copyRecord(record);
  let at: JsonRecord = out;
  for (let i = 0; i < field.length - 1; i++) {
    const next = readPath(at, [field[i]!]);
    if (typeof next !== "object" || next === null || Array.isArray(next)) return out;
    const copy = copyRecord(next as JsonRecord);
    defineField(at, field[i]!, copy);
    at = copy;
  }
  delete at[field[field.length - 1]!];
  return out;
}
