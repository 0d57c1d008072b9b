import type { JsonRecord } from "../engine/modules.js";
import type { PathSegment } from "../json/path.js";
import { type Filter, filterKindOf } from "../modules/catalogue.js";
import type { FilterStep } from "./step.js";

/** Runs the filters on one record: no record (dropped) or the filtered record. */
export type CompiledFilters = (record: JsonRecord, seq: number) => JsonRecord[];

/**
 * Compiles every expression and path once; per record only closures run. Throws a
 * CannectorsError naming the filter when the list cannot compile (run checkFilters first for
 * every problem at once).
 */
export function compileFilters(
  filters: readonly Filter[],
  path: readonly PathSegment[] = ["filters"],
): CompiledFilters {
  const run = compileList(filters, path);
  return (record, seq) => {
    const out = run(record, seq);
    return out === undefined ? [] : [out];
  };
}

// Kinds see nested lists as unknown[] (module.ts says why); they hold filters the union validated.
const nested = (filters: readonly unknown[], path: readonly PathSegment[]) => compileList(filters as Filter[], path);

function compileList(filters: readonly Filter[], path: readonly PathSegment[]): FilterStep {
  const steps = filters.map((filter, index) => filterKindOf(filter).compile(filter as never, [...path, index], nested));
  if (steps.length === 1) return steps[0]!;
  return (record, seq) => {
    let current: JsonRecord | undefined = record;
    for (let i = 0; i < steps.length && current !== undefined; i++) current = steps[i]!(current, seq);
    return current;
  };
}
