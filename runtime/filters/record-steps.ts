import type { JsonRecord } from "../engine/modules.js";
import type { FilterStep, ManyStep } from "./step.js";

/** Runs the filters on one record: no record (dropped), the filtered record, or several (split). */
export type CompiledFilters = (record: JsonRecord, seq: number) => JsonRecord[];

/** Record-to-record and split steps in order: every record out of one step goes through the next. */
export function recordSteps(steps: readonly (FilterStep | ManyStep)[]): CompiledFilters {
  return (record, seq) => {
    let current: JsonRecord[] = [record];
    for (const step of steps) {
      const next: JsonRecord[] = [];
      for (const value of current) {
        if (typeof step === "function") {
          const out = step(value, seq);
          if (out !== undefined) next.push(out);
        } else {
          for (const out of step.run(value, seq)) next.push(out);
        }
      }
      current = next;
      if (current.length === 0) break;
    }
    return current;
  };
}

/** Record-to-record steps in order; undefined once one drops the record. */
export function chain(steps: FilterStep[]): FilterStep {
  if (steps.length === 1) return steps[0]!;
  return (record, seq) => {
    let current: JsonRecord | undefined = record;
    for (let i = 0; i < steps.length && current !== undefined; i++) current = steps[i]!(current, seq);
    return current;
  };
}
