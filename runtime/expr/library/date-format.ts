import { utcFields } from "./civil.js";

/**
 * Date formats are strings of tokens `yyyy MM dd HH mm ss SSS`; every other character is literal.
 * A format is compiled once into a token list and cached: expressions pass literal formats,
 * so the cache stays tiny, and its cap stops a data-driven format from growing it.
 */
export type DateField = "year" | "month" | "day" | "hour" | "minute" | "second" | "millisecond";
export type FormatPart = { field: DateField; width: number } | { literal: string };

const TOKENS: ReadonlyArray<[string, DateField]> = [
  ["yyyy", "year"],
  ["SSS", "millisecond"],
  ["MM", "month"],
  ["dd", "day"],
  ["HH", "hour"],
  ["mm", "minute"],
  ["ss", "second"],
];

const MAX_CACHED = 128;
const cache = new Map<string, FormatPart[]>();

export function compileFormat(format: string): FormatPart[] {
  const cached = cache.get(format);
  if (cached) return cached;
  const parts: FormatPart[] = [];
  let literal = "";
  for (let i = 0; i < format.length; ) {
    const token = TOKENS.find(([text]) => format.startsWith(text, i));
    if (token) {
      if (literal !== "") parts.push({ literal });
      literal = "";
      parts.push({ field: token[1], width: token[0].length });
      i += token[0].length;
    } else {
      literal += format[i];
      i++;
    }
  }
  if (literal !== "") parts.push({ literal });
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(format, parts);
  return parts;
}

const FIELD_ORDER: readonly DateField[] = ["year", "month", "day", "hour", "minute", "second", "millisecond"];
const formatters = new WeakMap<readonly FormatPart[], (time: number) => string>();
/** utcFields' output; formatting is synchronous, so one scratch array serves every call. */
const scratch = [0, 0, 0, 0, 0, 0, 0];

export function formatParts(date: Date, parts: readonly FormatPart[]): string {
  let format = formatters.get(parts);
  if (format === undefined) {
    format = compileFormatter(parts);
    formatters.set(parts, format);
  }
  return format(date.getTime());
}

/** The formatter of `parts`, for a valid time value: fields as Date's getUTC* methods give them. */
export function compileFormatter(parts: readonly FormatPart[]): (time: number) => string {
  const slots = parts.map((part) => ("field" in part ? FIELD_ORDER.indexOf(part.field) : -1));
  const widths = parts.map((part) => ("field" in part ? part.width : 0));
  const literals = parts.map((part) => ("literal" in part ? part.literal : ""));
  return (time) => {
    utcFields(time, scratch);
    let out = "";
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      out += slot < 0 ? literals[i]! : padded(scratch[slot]!, widths[i]!);
    }
    return out;
  };
}

/** String(value).padStart(width, "0"), without the call overhead for the usual 2-4 digits. */
function padded(value: number, width: number): string {
  let text = `${value}`;
  while (text.length < width) text = `0${text}`;
  return text;
}

/** Regex with one capture group per field, in format order. */
export function formatRegex(parts: readonly FormatPart[]): RegExp {
  const source = parts
    .map((part) => ("literal" in part ? part.literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : `(\\d{${part.width}})`))
    .join("");
  return new RegExp(`^${source}$`);
}
