import { findCrossProduct } from "./cross-product.js";

/**
 * Built-ins the runtime refuses even though cel-js offers them. `matches` runs on JavaScript's
 * backtracking RegExp, so a record value could make it run for minutes: `regexMatch` (RE2, linear
 * time) replaces it.
 */
const FORBIDDEN = [
  {
    call: /(?:^|[^\w$])matches\s*\(/g,
    name: "matches",
    hint: "use regexMatch(text, pattern), which runs in linear time (RE2)",
  },
];

export interface ForbiddenUse {
  message: string;
  offset: number;
}

export function findForbidden(source: string): ForbiddenUse | undefined {
  const code = blankStrings(source);
  for (const rule of FORBIDDEN) {
    rule.call.lastIndex = 0;
    const found = rule.call.exec(code);
    if (found) {
      const offset = found.index + found[0].indexOf(rule.name);
      return { message: `${rule.name}() is not available: ${rule.hint}`, offset };
    }
  }
  return findCrossProduct(source);
}

/** The source with string literal contents blanked out (same length), so offsets still line up. */
export function blankStrings(source: string): string {
  return source.replace(
    /(['"])(?:\\.|(?!\1)[^\\])*\1/g,
    (literal) => literal[0] + " ".repeat(literal.length - 2) + literal[0],
  );
}
