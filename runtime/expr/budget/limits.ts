/**
 * What one evaluation of one expression on one record may cost. Steps: one per expression node
 * evaluated, plus the length of each string or list a node yields (so work that walks a value is
 * paid for). Bytes: an estimate of what nodes that build values allocate (2 per string unit, 8 per
 * list element), summed over the evaluation. Defaults sit far above what a mapping of a normal
 * record costs (tens to thousands of steps), and far below what exhausts the heap or a core.
 */
export interface ExpressionBudget {
  maxSteps: number;
  maxBytes: number;
}

export const DEFAULT_EXPRESSION_BUDGET: ExpressionBudget = Object.freeze({
  maxSteps: 10_000_000,
  maxBytes: 268_435_456,
});

let current: ExpressionBudget = DEFAULT_EXPRESSION_BUDGET;

/**
 * The budget expressions compiled inside `compile` carry; each compiled expression keeps the one
 * in effect when it was compiled, so two connectors in one process never share a setting.
 */
export function withExpressionBudget<T>(budget: Partial<ExpressionBudget> | undefined, compile: () => T): T {
  const previous = current;
  current = {
    maxSteps: budget?.maxSteps ?? DEFAULT_EXPRESSION_BUDGET.maxSteps,
    maxBytes: budget?.maxBytes ?? DEFAULT_EXPRESSION_BUDGET.maxBytes,
  };
  try {
    return compile();
  } finally {
    current = previous;
  }
}

export function currentExpressionBudget(): ExpressionBudget {
  return current;
}
