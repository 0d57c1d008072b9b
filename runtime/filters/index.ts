export type { FilterProblem } from "./check.js";
export { checkFilters } from "./check.js";
export type { CompiledFilters, PagedFilters } from "./compile.js";
export { compileFilterChain, compileFilters } from "./compile.js";
