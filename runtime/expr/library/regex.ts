import { createRequire } from "node:module";
import type * as Re2 from "@bufbuild/re2";
import { LibraryError, quote } from "./library-error.js";

const MAX_CACHED = 256;
const compiled = new Map<string, Re2.RE2JS>();

/**
 * RE2JS on the first regexMatch call (its CommonJS build, loadable synchronously): twenty modules
 * and their Unicode tables that a connector without a regex should not load at start-up.
 */
let re2: typeof Re2 | undefined;
const loadRe2 = (): typeof Re2 => (re2 ??= createRequire(import.meta.url)("@bufbuild/re2") as typeof Re2);

/**
 * RE2 semantics (linear time, no backreferences or lookaround), matching anywhere in the text
 * as CEL's `matches` does. JavaScript's RegExp backtracks, so a hostile record value could make
 * a careless pattern run for minutes: that is why the built-in `matches` is refused at validate time.
 */
export function regexMatch(text: string, pattern: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    const { RE2JS, RE2JSException } = loadRe2();
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
