import { compileFormat, type DateField, formatParts, formatRegex } from "./date-format.js";
import { LibraryError, quote } from "./library-error.js";
import { isoString } from "./plain-text.js";

export type DateParts = Record<DateField, number>;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** `s` read with `format` (or ISO-8601 when format is "iso"); no offset in the text means UTC. */
export function parseDate(text: string, format: string): Date {
  if (format === "iso") return parseIso(text);
  const parts = compileFormat(format);
  const match = formatRegex(parts).exec(text);
  if (!match) throw new LibraryError("parseDate", `${quote(text)} does not match format ${quote(format)}`);
  const fields: DateParts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let group = 1;
  for (const part of parts) {
    if ("field" in part) fields[part.field] = Number(match[group++]);
  }
  return utcDate("parseDate", text, fields, 0);
}

export function parseIso(text: string, functionName = "parseDate"): Date {
  const canonical = canonicalIso(text);
  if (canonical !== undefined) return utcDate(functionName, text, canonical, 0);
  const match = ISO.exec(text.trim());
  if (!match) throw new LibraryError(functionName, `${quote(text)} is not an ISO-8601 date`);
  const fields: DateParts = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
    millisecond: Number((match[7] ?? "0").slice(0, 3).padEnd(3, "0")),
  };
  return utcDate(functionName, text, fields, offsetMinutes(match[8]));
}

/**
 * `2024-01-02T03:04:05Z` and `2024-01-02T03:04:05.678Z`, the form APIs send most, read without
 * the regex; the fields are the ones ISO's groups would give. Anything else: undefined.
 */
function canonicalIso(text: string): DateParts | undefined {
  const long = text.length === 24;
  if (!long && text.length !== 20) return undefined;
  if (text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") return undefined;
  if (text[text.length - 1] !== "Z" || (long && text[19] !== ".")) return undefined;
  const fields: DateParts = {
    year: digitsAt(text, 0, 4),
    month: digitsAt(text, 5, 2),
    day: digitsAt(text, 8, 2),
    hour: digitsAt(text, 11, 2),
    minute: digitsAt(text, 14, 2),
    second: digitsAt(text, 17, 2),
    millisecond: long ? digitsAt(text, 20, 3) : 0,
  };
  for (const key in fields) if (fields[key as DateField] < 0) return undefined;
  return fields;
}

/** The decimal number in text[start, start + count), or -1 if a character is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0");
  return zone.startsWith("-") ? -minutes : minutes;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Every field in its calendar range: then Date.UTC cannot roll anything over. */
function inCalendarRange(f: DateParts): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  const leap = f.year % 4 === 0 && (f.year % 100 !== 0 || f.year % 400 === 0);
  return f.day <= (f.month === 2 && leap ? 29 : MONTH_DAYS[f.month - 1]!) && f.millisecond < 1000;
}

/** Builds the instant and rejects overflowing fields (Feb 30, 25:00) instead of rolling them over. */
function utcDate(functionName: string, text: string, f: DateParts, offset: number): Date {
  // Fast path; Date.UTC reads years 0-99 as 1900-1999, so those take the setter path below.
  if (f.year >= 100 && inCalendarRange(f)) {
    const time = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
    return new Date(time - offset * 60_000);
  }
  const date = new Date(0);
  date.setUTCFullYear(f.year, f.month - 1, f.day);
  date.setUTCHours(f.hour, f.minute, f.second, f.millisecond);
  const valid =
    date.getUTCFullYear() === f.year &&
    date.getUTCMonth() === f.month - 1 &&
    date.getUTCDate() === f.day &&
    date.getUTCHours() === f.hour &&
    date.getUTCMinutes() === f.minute &&
    date.getUTCSeconds() === f.second &&
    f.year >= 1;
  if (!valid) throw new LibraryError(functionName, `${quote(text)} is not a valid date`);
  return new Date(date.getTime() - offset * 60_000);
}

export function formatDate(value: unknown, format: string): string {
  const date = toDate("formatDate", value);
  return format === "iso" ? isoString(date) : formatParts(date, compileFormat(format));
}

export function fromUnix(seconds: unknown): Date {
  const value = typeof seconds === "bigint" ? Number(seconds) : seconds;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new LibraryError("fromUnix", `expected seconds as a number, got ${quote(seconds)}`);
  }
  const date = new Date(Math.round(value * 1000));
  if (Number.isNaN(date.getTime())) throw new LibraryError("fromUnix", `${quote(seconds)} is out of range`);
  return date;
}

export function toUnix(value: unknown): bigint {
  return BigInt(Math.floor(toDate("toUnix", value).getTime() / 1000));
}

function toDate(functionName: string, value: unknown): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new LibraryError(functionName, "invalid timestamp");
    return value;
  }
  if (typeof value === "string") return parseIso(value, functionName);
  throw new LibraryError(functionName, `expected a timestamp or an ISO-8601 string, got ${quote(value)}`);
}
