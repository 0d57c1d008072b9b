import { dateFormatter, dateParser } from "./dates.js";

/** A library call with its literal arguments folded in: `handler` takes the remaining ones, in order. */
export interface SpecialisedCall {
  // biome-ignore lint/suspicious/noExplicitAny: handlers take the CEL values their params declare.
  handler: (...args: any[]) => unknown;
  /** Indexes of the arguments still passed at run time. */
  args: readonly number[];
}

/**
 * Folds literal arguments into a library function when that saves per-call work (a date format
 * compiled once instead of looked up per record). `literals[i]` is the literal value of argument
 * i, or undefined when it is computed. The result computes what the plain handler would.
 */
export function specialiseCall(name: string, literals: readonly unknown[]): SpecialisedCall | undefined {
  const format = literals[1];
  if (literals.length !== 2 || typeof format !== "string" || literals[0] !== undefined) return undefined;
  if (name === "parseDate") return { handler: dateParser(format), args: [0] };
  if (name === "formatDate") return { handler: dateFormatter(format), args: [0] };
  return undefined;
}
