import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import type { ExpressionBudget } from "./limits.js";

/**
 * The cost of the evaluation under way. Evaluation is synchronous, so one meter serves the
 * process: each evaluation starts it, every node of every engine charges it with the same rule
 * (`charge`), and a node past the budget throws. An exceeded meter stays exceeded, so an engine
 * that catches errors (`a || b` tries `b` when `a` fails) still ends in the budget error.
 */
class Meter {
  steps = 0;
  bytes = 0;
  maxSteps = Number.POSITIVE_INFINITY;
  maxBytes = Number.POSITIVE_INFINITY;

  start(budget: ExpressionBudget): void {
    this.steps = 0;
    this.bytes = 0;
    this.maxSteps = budget.maxSteps;
    this.maxBytes = budget.maxBytes;
  }

  get exceeded(): boolean {
    return this.steps > this.maxSteps || this.bytes > this.maxBytes;
  }
}

export const meter = new Meter();

/**
 * One node's value. `builds`: the node makes a new value (a call, an operator, a literal list),
 * rather than reading one (a variable, a field, a literal, a branch). Undefined (a tolerant read
 * of a missing field) costs nothing, as a node that throws costs nothing.
 */
export function charge(builds: boolean, value: unknown): void {
  let size = 0;
  if (typeof value === "string" || Array.isArray(value)) size = value.length;
  else if (value === undefined) return;
  meter.steps += 1 + size;
  if (builds) meter.bytes += size * (typeof value === "string" ? 2 : 8);
  if (meter.steps > meter.maxSteps || meter.bytes > meter.maxBytes) overBudget();
}

/** Adds the recorded cost of a constant subtree, folded at compile time but paid on every evaluation. */
export function chargeCost(steps: number, bytes: number): void {
  meter.steps += steps;
  meter.bytes += bytes;
  if (meter.steps > meter.maxSteps || meter.bytes > meter.maxBytes) overBudget();
}

export function overBudget(): never {
  const what =
    meter.steps > meter.maxSteps
      ? `more than ${meter.maxSteps} evaluation steps`
      : `more than ${meter.maxBytes} bytes of intermediate values`;
  throw new CannectorsError(
    ErrorCodes.EXPRESSION_BUDGET,
    `expression cost exceeds its per-record budget: ${what} (${ErrorCodes.EXPRESSION_BUDGET}, settings.limits.expression)`,
  );
}

/** Node kinds that read a value rather than build one; every other kind builds (see `charge`). */
const READS = new Set(["value", "id", ".", "[]", ".?", "[?]", "?:", "&&", "||", "!_"]);

export function buildsValue(op: string): boolean {
  return !READS.has(op);
}

export interface Cost {
  steps: number;
  bytes: number;
}

/** What `run` charges, measured apart from the evaluation under way (for constants folded at compile time). */
export function measureCost<T>(run: () => T): Cost & { result: T } {
  const saved = { ...meter };
  meter.start({ maxSteps: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
  try {
    const result = run();
    return { result, steps: meter.steps, bytes: meter.bytes };
  } finally {
    Object.assign(meter, saved);
  }
}
