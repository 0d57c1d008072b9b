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

export function formatParts(date: Date, parts: readonly FormatPart[]): string {
  let out = "";
  for (const part of parts) {
    if ("literal" in part) out += part.literal;
    else out += String(fieldOf(date, part.field)).padStart(part.width, "0");
  }
  return out;
}

function fieldOf(date: Date, field: DateField): number {
  switch (field) {
    case "year":
      return date.getUTCFullYear();
    case "month":
      return date.getUTCMonth() + 1;
    case "day":
      return date.getUTCDate();
    case "hour":
      return date.getUTCHours();
    case "minute":
      return date.getUTCMinutes();
    case "second":
      return date.getUTCSeconds();
    case "millisecond":
      return date.getUTCMilliseconds();
  }
}

/** Regex with one capture group per field, in format order. */
export function formatRegex(parts: readonly FormatPart[]): RegExp {
  const source = parts
    .map((part) => ("literal" in part ? part.literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : `(\\d{${part.width}})`))
    .join("");
  return new RegExp(`^${source}$`);
}
