export type { ExpressionProblem } from "./check.js";
export { checkExpression } from "./check.js";
export type { CompiledExpression } from "./compile.js";
export { compileExpression } from "./compile.js";
export { MAX_LIST_LENGTH, MAX_RESULT_VALUES, MAX_STRING_LENGTH, PARSE_LIMITS } from "./limits.js";
