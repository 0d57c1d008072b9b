export type { FilterProblem } from "./check.js";
export { checkFilters } from "./check.js";
export type { CompiledFilters } from "./compile.js";
export { compileFilters } from "./compile.js";
