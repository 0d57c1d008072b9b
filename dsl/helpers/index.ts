export { cel } from "./cel.js";
export { coalesce } from "./coalesce.js";
export { date, type Timestamp } from "./dates.js";
export { lookup } from "./lookup.js";
export { cents, fromCents, round } from "./money.js";
export { parseInteger, parseNumber } from "./numbers.js";
export { concat, join, regexMatch, split } from "./strings.js";
export { type Todo, todo } from "./todo.js";
