export * from "./path.js";
export { decodeJson, DEFAULT_MAX_DEPTH } from "./decode.js";
export { ExactNumber } from "./exact-number.js";
export type { JsonProblem } from "./parse-exact.js";
export { isExactNumber, stringifyJson } from "./stringify.js";
