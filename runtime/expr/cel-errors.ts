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
  const summary = celSummary(error).replace(EXACT_NUMBER, EXACT_NUMBER_MEANING);
  return offset === undefined ? summary : `${summary} (at offset ${offset})`;
}

// A source number no CEL type holds exactly (json/exact-number.ts): say what it is, not its class.
const EXACT_NUMBER = "Unsupported type: ExactNumber";
const EXACT_NUMBER_MEANING =
  "the record holds a number beyond int64, or with more digits than a double keeps, which no CEL type holds exactly (copy it with from:)";
