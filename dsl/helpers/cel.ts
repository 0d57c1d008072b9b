import { dslMisuse } from "../misuse.js";

/**
 * A raw CEL expression inside a lambda, copied into the artifact as written: the escape hatch
 * for what the typed helpers cannot say. `T` is what the expression yields, taken on trust.
 */
export function cel<T>(source: string): T {
  throw dslMisuse(
    `cel(${JSON.stringify(source)}) is only meaningful inside a lowered lambda: it has no value when the lambda runs in JavaScript`,
  );
}
