import type { Filter } from "../artifact/index.js";
import type { JsonRecord } from "../engine/modules.js";
import { compileCompute } from "../modules/filter-compute/compute.js";
import { compileCondition } from "../modules/filter-condition/condition.js";
import { compileMap } from "../modules/filter-map/map.js";
import type { PathSegment } from "../json/path.js";
import type { FilterStep } from "./step.js";

/** Runs the filters on one record: no record (dropped) or the filtered record. */
export type CompiledFilters = (record: JsonRecord, seq: number) => JsonRecord[];

/**
 * Compiles every expression and path once; per record only closures run. Throws a
 * CannectorsError naming the filter when the list cannot compile (run checkFilters first for
 * every problem at once).
 */
export function compileFilters(filters: readonly Filter[]): CompiledFilters {
  const run = compileList(filters, ["filters"]);
  return (record, seq) => {
    const out = run(record, seq);
    return out === undefined ? [] : [out];
  };
}

function compileList(filters: readonly Filter[], path: readonly PathSegment[]): FilterStep {
  const steps = filters.map((filter, index) => compileOne(filter, [...path, index]));
  if (steps.length === 1) return steps[0]!;
  return (record, seq) => {
    let current: JsonRecord | undefined = record;
    for (let i = 0; i < steps.length && current !== undefined; i++) current = steps[i]!(current, seq);
    return current;
  };
}

function compileOne(filter: Filter, path: readonly PathSegment[]): FilterStep {
  switch (filter.type) {
    case "map":
      return compileMap(filter, path);
    case "compute":
      return compileCompute(filter, path);
    case "condition":
      return compileCondition(filter, path, compileList);
  }
}
