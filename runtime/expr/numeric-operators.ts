import type { Environment } from "@marcbachmann/cel-js";
import { LibraryError } from "./library/index.js";

/**
 * How JSON numbers meet CEL ints. Records arrive as parsed JSON, where every number is a JS number,
 * which cel-js types as `double`; literals like `18` or `100` are `int` (BigInt). CEL has no mixed
 * arithmetic, so `record.amount * 100` would fail. Rather than convert every integral number of
 * every record to BigInt (a deep walk per record), we register the mixed `double ⊕ int` and
 * `int ⊕ double` operators, computing in doubles. Comparisons (`record.age >= 18`) and equality
 * are already mixed in cel-js. Consequences: `record.n / 2` is a double division (3 / 2 = 1.5),
 * while `int / int` stays CEL integer division (`7 / 2` = 3); use `int(record.n)` to get an int.
 */
const OPERATORS: ReadonlyArray<[string, (a: number, b: number) => number]> = [
  ["+", (a, b) => a + b],
  ["-", (a, b) => a - b],
  ["*", (a, b) => a * b],
  ["/", (a, b) => a / b],
  ["%", remainder],
];

function remainder(a: number, b: number): number {
  if (b === 0) throw new LibraryError("%", "modulo by zero");
  return a % b;
}

export function registerMixedNumericOperators(env: Environment): void {
  for (const [op, apply] of OPERATORS) {
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => apply(a, Number(b)));
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => apply(Number(a), b));
  }
  env.registerOperator("double % double", remainder);
}
