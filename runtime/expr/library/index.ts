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

/** A parameter type as cel-js matches it at run time: `dyn` takes anything. */
export type LibraryParam = "dyn" | "string" | "list";

export interface LibraryFunction {
  name: string;
  params: readonly LibraryParam[];
  returns: string;
  // biome-ignore lint/suspicious/noExplicitAny: handlers take the CEL values their params declare.
  handler: (...args: any[]) => unknown;
}

const fn = (name: string, params: LibraryParam[], returns: string, handler: LibraryFunction["handler"]) => ({
  name,
  params,
  returns,
  handler,
});

/**
 * The Cannectors function library: deterministic (no clock, no randomness) and bounded. One table
 * serves both the cel-js environment and the expression compiler, so they cannot drift apart.
 */
export const LIBRARY_FUNCTIONS: readonly LibraryFunction[] = [
  fn("lower", ["string"], "string", (s: string) => s.toLowerCase()),
  fn("upper", ["string"], "string", (s: string) => s.toUpperCase()),
  fn("trim", ["string"], "string", (s: string) => s.trim()),
  fn("split", ["string", "string"], "list<string>", split),
  fn("join", ["list", "string"], "string", join),
  fn("parseInt", ["dyn"], "int", parseIntStrict),
  fn("parseNumber", ["dyn"], "double", parseNumber),
  fn("round", ["dyn", "dyn"], "double", round),
  fn("toCents", ["dyn"], "int", toCents),
  fn("fromCents", ["dyn"], "string", fromCents),
  fn("parseDate", ["string", "string"], TIMESTAMP, parseDate),
  fn("formatDate", ["dyn", "string"], "string", formatDate),
  fn("fromUnix", ["dyn"], TIMESTAMP, fromUnix),
  fn("toUnix", ["dyn"], "int", toUnix),
  fn("lookup", ["dyn", "dyn"], "dyn", (map: unknown, key: unknown) => lookup(map, key)),
  fn("lookup", ["dyn", "dyn", "dyn"], "dyn", lookup),
  fn("regexMatch", ["string", "string"], "bool", regexMatch),
  ...Array.from({ length: MAX_VARIADIC - 1 }, (_, i) => fn("concat", Array(i + 2).fill("dyn"), "string", concat)),
];

export function registerLibrary(env: Environment): void {
  for (const { name, params, returns, handler } of LIBRARY_FUNCTIONS) {
    env.registerFunction(`${name}(${params.join(", ")}): ${returns}`, handler);
  }
  env.registerFunction("default(ast, ast): dyn", defaultMacro);
  for (let arity = 2; arity <= MAX_VARIADIC; arity++) {
    env.registerFunction(`coalesce(${Array(arity).fill("ast").join(", ")}): dyn`, coalesceMacro);
  }
}
