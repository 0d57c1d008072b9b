import { didYouMean } from "../diagnostics/suggest.js";
import { LIBRARY_FUNCTIONS } from "./library/index.js";

/** CEL's own functions and macros, besides the library's. */
const BUILTINS = [
  "size", "contains", "startsWith", "endsWith", "matches", "has", "exists", "exists_one", "all", "map", "filter",
  "int", "uint", "double", "string", "bool", "bytes", "timestamp", "duration", "type", "dyn",
  "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getHours",
  "getMinutes", "getSeconds", "getMilliseconds", "default", "coalesce",
];
const FUNCTIONS = new Set([...LIBRARY_FUNCTIONS.map((f) => f.name), ...BUILTINS]);

/**
 * cel-js says `found no matching overload for 'toCent(dyn)'` for a function that does not exist at
 * all; say that, with the closest name (`toCents`). A known function called with the wrong
 * arguments keeps cel-js's message. An unknown variable gets the closest declared one.
 */
export function withSuggestion(message: string, variables: readonly string[]): string {
  const overload = /^found no matching overload for '(?:[\w.<>, ]+\.)?([A-Za-z_]\w*)\(/.exec(message);
  const name = overload?.[1];
  if (name !== undefined && !FUNCTIONS.has(name)) return `unknown function ${name}${didYouMean(name, FUNCTIONS)}`;
  const variable = /^Unknown variable: ([A-Za-z_]\w*)/.exec(message)?.[1];
  if (variable !== undefined) return `${message}${didYouMean(variable, variables)}`;
  return message;
}
