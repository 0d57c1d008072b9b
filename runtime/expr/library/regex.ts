import { RE2JS, RE2JSException } from "@bufbuild/re2";
import { LibraryError, quote } from "./library-error.js";

const MAX_CACHED = 256;
const compiled = new Map<string, RE2JS>();

/**
 * RE2 semantics (linear time, no backreferences or lookaround), matching anywhere in the text
 * as CEL's `matches` does. JavaScript's RegExp backtracks, so a hostile record value could make
 * a careless pattern run for minutes: that is why the built-in `matches` is refused at validate time.
 */
export function regexMatch(text: string, pattern: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = RE2JS.compile(pattern);
    } catch (error) {
      const reason = error instanceof RE2JSException ? error.message : String(error);
      throw new LibraryError("regexMatch", `invalid RE2 pattern ${quote(pattern)}: ${reason}`);
    }
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, re);
  }
  return re.test(text);
}
