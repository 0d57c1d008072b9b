import { blankStrings } from "./forbidden.js";
import { PARSE_LIMITS } from "./limits.js";

/**
 * cel-js parses a prefix operator by recursion without counting depth, so 100,000 `-` or `!` in a
 * row exhaust the stack. Refused before parsing, with the same depth limit as every other nesting.
 */
export function findUnaryChain(source: string): { message: string; offset: number } | undefined {
  const chains = /[-!](?:\s*[-!])*/g;
  const code = blankStrings(source);
  for (const found of code.matchAll(chains)) {
    const operators = found[0].replace(/\s/g, "").length;
    if (operators > PARSE_LIMITS.maxDepth) {
      return {
        message: `${operators} prefix operators in a row (at most ${PARSE_LIMITS.maxDepth})`,
        offset: found.index,
      };
    }
  }
  return undefined;
}
