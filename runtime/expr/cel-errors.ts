import { EvaluationError, ParseError, TypeError as CelTypeError } from "@marcbachmann/cel-js";

/** cel-js messages carry a multi-line source excerpt; diagnostics want the one-line summary. */
export function celSummary(error: unknown): string {
  if (error instanceof ParseError || error instanceof CelTypeError || error instanceof EvaluationError) {
    return error.summary;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Character index of the error in the source, when cel-js knows it. */
export function celOffset(error: unknown): number | undefined {
  if (error instanceof ParseError || error instanceof CelTypeError || error instanceof EvaluationError) {
    return error.node?.pos ?? error.range?.start;
  }
  return undefined;
}

export function describeCelError(error: unknown): string {
  const offset = celOffset(error);
  return offset === undefined ? celSummary(error) : `${celSummary(error)} (at offset ${offset})`;
}
