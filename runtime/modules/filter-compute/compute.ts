import type { ComputeFilter } from "../../artifact/index.js";
import { compileExpression } from "../../expr/index.js";
import { compileFailure, evaluationFailure, moduleRef } from "../../filters/filter-error.js";
import { copyRecord, type PathSegment, writePath } from "../../json/path.js";
import type { FilterStep } from "../../filters/step.js";
import { targetSegments } from "../filter-map/targets.js";

/**
 * Fields are computed in order on a copy of the record, and each expression sees the fields
 * computed before it: `total` then `total_cents = toCents(record.total)` works.
 */
export function compileCompute(filter: ComputeFilter, path: readonly PathSegment[]): FilterStep {
  const fields = filter.fields.map((field, index) => {
    const ref = moduleRef([...path, "fields", index], `compute → ${field.target}`);
    try {
      return { ref, target: targetSegments(field.target), expr: compileExpression(field.expr, ["record"]) };
    } catch (error) {
      throw compileFailure(ref, error);
    }
  });
  return (record, seq) => {
    const out = copyRecord(record);
    for (const field of fields) {
      let value: unknown;
      try {
        value = field.expr({ record: out });
      } catch (error) {
        throw evaluationFailure(seq, field.ref, error);
      }
      writePath(out, field.target, value);
    }
    return out;
  };
}
