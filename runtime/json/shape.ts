/** What decode.ts needs to know of a parsed value to trust JSON.parse with it. */
export interface ValueShape {
  /** Keys of every object. */
  keys: number;
  /** Deepest nesting of objects and lists, as scan.ts counts it (a top-level object is 1). */
  depth: number;
  /** A number that is not an object member's value (top level or directly in a list). */
  looseNumber: boolean;
  /**
   * A lower bound of the length of any JSON text JSON.parse reads as this value (see shapeOf);
   * -1 when a number is not a safe integer.
   */
  compactLength: number;
}

/**
 * One iterative walk (the value may be nested as deep as the text allows).
 *
 * `compactLength` is the length of the value written without blanks, each string as its
 * characters between quotes, each number as short as any JSON token for it can be (intDigits).
 * No JSON text JSON.parse reads as this value is shorter: each blank, each escape in a string (two
 * to six characters for one), each member JSON.parse dropped for a key given again (at least
 * `,"":0`) and each number token longer than the bound add to the text only. A text of exactly
 * this length therefore has no key twice and every number in its shortest form; decode.ts says
 * why that form of a safe integer loses nothing.
 */
export function shapeOf(value: unknown): ValueShape {
  if (typeof value !== "object" || value === null) {
    return { keys: 0, depth: 0, looseNumber: typeof value === "number", compactLength: primitiveLength(value) };
  }
  let keys = 0;
  let deepest = 0;
  let looseNumber = false;
  let length = 0;
  let safe = true;
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (Array.isArray(current)) {
      const count = current.length;
      // Brackets and the commas between the items.
      length += count === 0 ? 2 : count + 1;
      for (let i = 0; i < count; i++) {
        const item: unknown = current[i];
        if (typeof item === "object" && item !== null) {
          pending.push(item);
          depths.push(depth + 1);
        } else if (typeof item === "string") length += item.length + 2;
        else if (typeof item === "number") {
          looseNumber = true;
          const digits = intDigits(item);
          if (digits < 0) safe = false;
          else length += digits;
        } else length += item === false ? 5 : 4;
      }
      continue;
    }
    let members = 0;
    for (const key in current) {
      members++;
      // `"key":` before the value.
      length += key.length + 3;
      const item = (current as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) {
        pending.push(item);
        depths.push(depth + 1);
      } else if (typeof item === "string") length += item.length + 2;
      else if (typeof item === "number") {
        const digits = intDigits(item);
        if (digits < 0) safe = false;
        else length += digits;
      } else length += item === false ? 5 : 4;
    }
    keys += members;
    // Braces and the commas between the members.
    length += members === 0 ? 2 : members + 1;
  }
  return { keys, depth: deepest, looseNumber, compactLength: safe ? length : -1 };
}

function primitiveLength(value: unknown): number {
  if (typeof value === "string") return value.length + 2;
  if (typeof value === "number") return intDigits(value);
  return value === false ? 5 : 4;
}

/**
 * For a safe integer, the fewest characters any JSON number token for it has; -1 for any other
 * number (decode.ts then decides with a scan of the text). A token for n needs its sign ("-" for
 * a negative n and for -0), and either every digit of n written out or, in exponent form, at least
 * the digits before n's trailing zeros and two more ("12e2" for 1200): so the smaller of the two.
 */
export function intDigits(n: number): number {
  if (!Number.isSafeInteger(n)) return -1;
  if (n === 0) return Object.is(n, -0) ? 2 : 1;
  const sign = n < 0 ? 1 : 0;
  let rest = n < 0 ? -n : n;
  let zeros = 0;
  while (rest % 10 === 0) {
    rest /= 10;
    zeros++;
  }
  let significant = 1;
  while (rest >= 10) {
    rest = Math.floor(rest / 10);
    significant++;
  }
  return sign + (zeros <= 2 ? significant + zeros : significant + 2);
}
