import { ExactNumber } from "./exact-number.js";
import { defineField, type PathSegment } from "./path.js";
import { stringEnd } from "./scan.js";

/** A problem inside one value of the text: where (as a path from the root) and what. */
export interface JsonProblem {
  kind: "depth" | "duplicate-key" | "encoding";
  path: PathSegment[];
  message: string;
}

export interface ExactParseOptions {
  /** Deepest nesting allowed; a deeper value is skipped (read as null) and reported. */
  maxDepth: number;
  /** Keep the source text of the values at this nesting (1 = the root's children) that have a problem. */
  sourceDepth?: number;
  /** Where bytes that were not UTF-8 stand as U+FFFD (net/body-text.ts): a string holding one is a problem. */
  invalid?: { chars: readonly number[]; bytes: readonly number[] } | undefined;
}

export interface ExactParse {
  value: unknown;
  problems: JsonProblem[];
  /** Source text of the values at `sourceDepth` that hold a problem, by the problem's index. */
  sources: Map<JsonProblem, string>;
}

type Frame = { array: unknown[]; object?: undefined } | { object: Record<string, unknown>; keys: Set<string> };
interface Slot {
  frame: Frame;
  key: string | number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// A backslash or a control character (which JSON.parse refuses): the string token goes to JSON.parse.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching raw control characters is the point.
const NEEDS_JSON_PARSE = /[\\\u0000-\u001f]/;

/**
 * A JSON parser that loses nothing JSON.parse would: integers beyond 2^53 become BigInt (within
 * int64) or ExactNumber (beyond), decimals a double cannot hold keep their text (ExactNumber),
 * duplicate keys and values nested deeper than `maxDepth` are reported with their path instead
 * of being merged or overflowing a stack. Iterative: no recursion however deep the text. The slow
 * path of decode.ts, taken only for texts its scan flags.
 */
export function parseJsonExact(text: string, options: ExactParseOptions): ExactParse {
  const problems: JsonProblem[] = [];
  const sources = new Map<JsonProblem, string>();
  const stack: Slot[] = [];
  const pathOf = (): PathSegment[] => stack.map((slot) => slot.key);
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${i}`);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const invalid = options.invalid;
  let nextInvalid = 0;
  // The byte offset of a bad byte inside the string just read, else -1.
  let badByte = -1;
  const readString = (): string => {
    const start = i;
    const end = stringEnd(text, start);
    badByte = -1;
    if (invalid !== undefined) {
      while (nextInvalid < invalid.chars.length && invalid.chars[nextInvalid]! < start) nextInvalid++;
      if (nextInvalid < invalid.chars.length && invalid.chars[nextInvalid]! < end) badByte = invalid.bytes[nextInvalid]!;
    }
    if (end > text.length || text.charCodeAt(end - 1) !== 0x22 || end === start + 1) fail("unterminated string");
    i = end;
    const inner = text.slice(start + 1, end - 1);
    return NEEDS_JSON_PARSE.test(inner) ? (JSON.parse(text.slice(start, end)) as string) : inner;
  };
  /** Reads `"key":` into the top slot, whose frame is the object being read. */
  const readKey = (slot: Slot, keys: Set<string>): void => {
    ws();
    if (text.charCodeAt(i) !== 0x22) fail("expected a key");
    const key = readString();
    ws();
    if (text.charCodeAt(i) !== 0x3a) fail("expected ':'");
    i++;
    slot.key = key;
    if (badByte >= 0) problems.push(encodingProblem(pathOf(), badByte));
    if (keys.has(key)) problems.push({ kind: "duplicate-key", path: pathOf(), message: `duplicate key ${JSON.stringify(key)}` });
    keys.add(key);
  };
  // Start of the value at sourceDepth being read, and the problem count when it started.
  let sourceStart = -1;
  let problemsBefore = 0;

  let root: unknown;
  for (;;) {
    ws();
    if (stack.length === options.sourceDepth) {
      sourceStart = i;
      problemsBefore = problems.length;
    }
    let value: unknown;
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= options.maxDepth) {
        problems.push({ kind: "depth", path: pathOf(), message: `nested deeper than ${options.maxDepth} levels` });
        i = skipNested(text, i);
        value = null;
      } else {
        i++;
        ws();
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (text.charCodeAt(i) === close) {
          i++;
          value = c === 0x7b ? {} : [];
        } else if (c === 0x7b) {
          const keys = new Set<string>();
          const slot: Slot = { frame: { object: {}, keys }, key: "" };
          stack.push(slot);
          readKey(slot, keys);
          continue;
        } else {
          stack.push({ frame: { array: [] }, key: 0 });
          continue;
        }
      }
    } else if (c === 0x22) {
      value = readString();
      if (badByte >= 0) problems.push(encodingProblem(pathOf(), badByte));
    }
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) value = readNumber();
    else if (text.startsWith("true", i)) [value, i] = [true, i + 4];
    else if (text.startsWith("false", i)) [value, i] = [false, i + 5];
    else if (text.startsWith("null", i)) [value, i] = [null, i + 4];
    else fail(i >= text.length ? "unexpected end of JSON" : `unexpected ${JSON.stringify(text[i])}`);

    // Place the value, then close every container that ends here.
    for (;;) {
      if (stack.length === options.sourceDepth && sourceStart >= 0 && problems.length > problemsBefore) {
        const source = text.slice(sourceStart, i);
        for (let p = problemsBefore; p < problems.length; p++) sources.set(problems[p]!, source);
      }
      const slot = stack[stack.length - 1];
      if (slot === undefined) {
        root = value;
        ws();
        if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the JSON value`);
        return { value: root, problems, sources };
      }
      const frame = slot.frame;
      if (frame.object === undefined) frame.array.push(value);
      else if (!Object.hasOwn(frame.object, slot.key)) defineField(frame.object, slot.key as string, value);
      ws();
      const next = text.charCodeAt(i);
      if (next === 0x2c) {
        i++;
        if (frame.object === undefined) slot.key = (slot.key as number) + 1;
        else readKey(slot, frame.keys);
        break;
      }
      if (next !== (frame.object === undefined ? 0x5d : 0x7d)) fail("expected ',' or a closing bracket");
      i++;
      stack.pop();
      value = frame.object ?? frame.array;
    }
  }

  function readNumber(): unknown {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match === null) return fail("invalid number");
    const token = match[0];
    i += token.length;
    return exactNumber(token, match[1] !== undefined || match[2] !== undefined);
  }
}

function encodingProblem(path: PathSegment[], byte: number): JsonProblem {
  return { kind: "encoding", path, message: `bytes that are not UTF-8 (byte ${byte} of the body)` };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The value of one number token: a number when a double holds it exactly, else BigInt or ExactNumber. */
export function exactNumber(token: string, fractional: boolean): number | bigint | ExactNumber {
  const number = Number(token);
  if (!fractional) {
    if (Number.isSafeInteger(number)) return number;
    const big = BigInt(token);
    return big >= INT64_MIN && big <= INT64_MAX ? big : new ExactNumber(token);
  }
  if (Number.isFinite(number) && (String(number) === token || holdsExactly(token, number))) return number;
  return new ExactNumber(token);
}

/** At most 15 significant digits and a modest exponent: every such decimal survives a double. */
function holdsExactly(token: string, number: number): boolean {
  const [mantissa = "", exponent = "0"] = token.toLowerCase().split("e");
  const significant = mantissa.replace(/[-.]/g, "").replace(/^0+/, "").replace(/0+$/, "");
  if (Math.abs(Number(exponent)) > 290) return false;
  return significant.length <= 15 && (number !== 0 || significant === "");
}

/** The index after the object or array starting at `start`, without building it. */
function skipNested(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  throw new SyntaxError("unexpected end of JSON inside a nested value");
}
