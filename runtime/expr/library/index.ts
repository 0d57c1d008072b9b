import type { Environment } from "@marcbachmann/cel-js";
import { coalesceMacro, defaultMacro } from "./absent-tolerant.js";
import { formatDate, fromUnix, parseDate, toUnix } from "./dates.js";
import { lookup } from "./lookup.js";
import { fromCents, round, toCents } from "./money.js";
import { parseIntStrict, parseNumber } from "./numbers.js";
import { regexMatch } from "./regex.js";
import { concat, join, split } from "./strings.js";

export { LibraryError } from "./library-error.js";

const TIMESTAMP = "google.protobuf.Timestamp";
const MAX_VARIADIC = 8;

/** The Cannectors function library: deterministic (no clock, no randomness) and bounded. */
export function registerLibrary(env: Environment): void {
  env
    .registerFunction("lower(string): string", (s: string) => s.toLowerCase())
    .registerFunction("upper(string): string", (s: string) => s.toUpperCase())
    .registerFunction("trim(string): string", (s: string) => s.trim())
    .registerFunction("split(string, string): list<string>", split)
    .registerFunction("join(list, string): string", join)
    .registerFunction("parseInt(dyn): int", parseIntStrict)
    .registerFunction("parseNumber(dyn): double", parseNumber)
    .registerFunction("round(dyn, dyn): double", round)
    .registerFunction("toCents(dyn): int", toCents)
    .registerFunction("fromCents(dyn): string", fromCents)
    .registerFunction(`parseDate(string, string): ${TIMESTAMP}`, parseDate)
    .registerFunction("formatDate(dyn, string): string", formatDate)
    .registerFunction(`fromUnix(dyn): ${TIMESTAMP}`, fromUnix)
    .registerFunction("toUnix(dyn): int", toUnix)
    .registerFunction("lookup(dyn, dyn): dyn", (map: unknown, key: unknown) => lookup(map, key))
    .registerFunction("lookup(dyn, dyn, dyn): dyn", lookup)
    .registerFunction("regexMatch(string, string): bool", regexMatch)
    .registerFunction("default(ast, ast): dyn", defaultMacro);
  for (let arity = 2; arity <= MAX_VARIADIC; arity++) {
    env.registerFunction(`concat(${params("dyn", arity)}): string`, concat);
    env.registerFunction(`coalesce(${params("ast", arity)}): dyn`, coalesceMacro);
  }
}

function params(type: string, arity: number): string {
  return Array.from({ length: arity }, () => type).join(", ");
}
