import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { PathSegment } from "../json/path.js";
import { type Filter, filterKindOf } from "../modules/catalogue.js";
import { pagedFilters, type PagedFilters } from "./paged.js";
import { chain, recordSteps } from "./record-steps.js";
import type { FilterStep, FilterWiring, ManyStep } from "./step.js";
import type { CompiledFilters } from "./record-steps.js";

export type { CompiledFilters };
export type { PagedFilters } from "./paged.js";

/**
 * Compiles every expression and path once; per record only closures run. Throws a
 * CannectorsError naming the filter when the list cannot compile (run checkFilters first for
 * every problem at once), or when it holds a page-level filter (enrich, aggregate): those run in
 * the engine only (compileFilterChain).
 */
export function compileFilters(
  filters: readonly Filter[],
  path: readonly PathSegment[] = ["filters"],
): CompiledFilters {
  const compiled = compileFilterChain(filters, undefined, path);
  if (typeof compiled === "function") return compiled;
  const index = filters.findIndex((filter) => filterKindOf(filter).topLevelOnly && filter.type !== "split");
  throw new CannectorsError(
    ErrorCodes.CONFIG_INVALID,
    `${[...path, index].join(".")}: a ${filters[index]?.type} filter works on pages of records and runs in the engine only`,
  );
}

/**
 * The engine's compilation. A list with a page-level filter (enrich, aggregate) compiles to
 * PagedFilters, which the pump runs a page at a time; any other list stays a per-record function,
 * the pump's synchronous path, exactly as fast as before page-level filters existed.
 */
export function compileFilterChain(
  filters: readonly Filter[],
  wiring: FilterWiring | undefined,
  path: readonly PathSegment[] = ["filters"],
): CompiledFilters | PagedFilters {
  const steps = filters.map((filter, index) =>
    filterKindOf(filter).compile(filter as never, [...path, index], nested),
  );
  if (steps.some((step) => typeof step !== "function" && step.kind === "page")) return pagedFilters(steps, wiring);
  if (steps.every((step) => typeof step === "function")) {
    const run = chain(steps as FilterStep[]);
    return (record, seq) => {
      const out = run(record, seq);
      return out === undefined ? [] : [out];
    };
  }
  return recordSteps(steps as (FilterStep | ManyStep)[]);
}

// Kinds see nested lists as unknown[] (module.ts says why); they hold filters the union validated.
const nested = (filters: readonly unknown[], path: readonly PathSegment[]) => {
  const steps = (filters as Filter[]).map((filter, index) => {
    const step = filterKindOf(filter).compile(filter as never, [...path, index], nested);
    if (typeof step !== "function") throw topLevelOnly(filter.type, [...path, index]);
    return step;
  });
  return chain(steps);
};

export function topLevelOnly(type: string, path: readonly PathSegment[]): CannectorsError {
  return new CannectorsError(
    ErrorCodes.CONFIG_INVALID,
    `${path.join(".")}: a ${type} filter works on the whole stream, so it belongs in the top-level filters list, not in a condition's branch`,
    { details: { path: path.join(".") } },
  );
}
