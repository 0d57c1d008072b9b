import { concat as libConcat, join as libJoin, split as libSplit } from "../../runtime/expr/library/strings.js";
import { regexMatch as libRegexMatch } from "../../runtime/expr/library/regex.js";

type Printable = string | number | boolean | bigint | null | undefined | Date;

/** Joins the text of every value; null prints as nothing. Lowered to `concat`. */
export function concat(first: Printable, second: Printable, ...rest: Printable[]): string {
  return libConcat(first, second, ...rest);
}

export function join(list: readonly Printable[], separator: string): string {
  return libJoin(list, separator);
}

export function split(text: string, separator: string): string[] {
  return libSplit(text, separator);
}

/** RE2 semantics (linear time), matching anywhere in the text. Lowered to `regexMatch`. */
export function regexMatch(text: string, pattern: string): boolean {
  return libRegexMatch(text, pattern);
}
