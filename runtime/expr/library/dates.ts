import {
  compileFormat,
  type DateField,
  type FormatPart,
  formatParts,
  formatRegex,
  compileFormatter,
} from "./date-format.js";
import { DAY_MS, daysFromCivil } from "./civil.js";
import { LibraryError, quote } from "./library-error.js";
import { isoString } from "./plain-text.js";

export type DateParts = Record<DateField, number>;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * `s` read with `format` (or ISO-8601 when format is "iso", a Microsoft JSON date when "msjson");
 * no offset in the text means UTC.
 */
export function parseDate(text: string, format: string): Date {
  if (format === "msjson") return parseMsJson(text);
  return format === "iso" ? parseIso(text) : parseWithFormat(text, format, compileFormat(format));
}

const MS_JSON = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/**
 * `/Date(1546128000000+0000)/` (.NET's JSON dates, Xero's): milliseconds since the epoch in UTC; the
 * offset after them says where the writer was, not a shift of the instant.
 */
export function parseMsJson(text: string): Date {
  const match = MS_JSON.exec(text.trim());
  const date = match ? new Date(Number(match[1])) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new LibraryError(
      "parseDate",
      `${quote(text)} is not a Microsoft JSON date such as /Date(1546128000000+0000)/`,
    );
  return date;
}

/** parseDate with its format fixed, which is then compiled once rather than per call. */
export function dateParser(format: string): (text: string) => Date {
  if (format === "iso") return (text) => parseIso(text);
  if (format === "msjson") return parseMsJson;
  const parts = compileFormat(format);
  const regex = formatRegex(parts);
  return (text) => parseWithFormat(text, format, parts, regex);
}

function parseWithFormat(text: string, format: string, parts: readonly FormatPart[], regex = formatRegex(parts)): Date {
  const match = regex.exec(text);
  if (!match) throw new LibraryError("parseDate", `${quote(text)} does not match format ${quote(format)}`);
  const fields: DateParts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let group = 1;
  for (const part of parts) {
    if ("field" in part) fields[part.field] = Number(match[group++]);
  }
  return utcDate("parseDate", text, fields, 0);
}

export function parseIso(text: string, functionName = "parseDate"): Date {
  const time = canonicalIsoTime(text);
  if (!Number.isNaN(time)) return new Date(time);
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
 * the regex or a fields object: the instant, when the fields (those ISO's groups would give) are
 * in their calendar ranges and the year is at least 100. Anything else is NaN, and the general
 * path, which reads the same fields, decides (a valid date, or the error).
 */
function canonicalIsoTime(text: string): number {
  const long = text.length === 24;
  if (!long && text.length !== 20) return Number.NaN;
  // Character codes: "-" 45, ":" 58, "T" 84, "Z" 90, "." 46.
  const at = (i: number) => text.charCodeAt(i);
  if (at(4) !== 45 || at(7) !== 45 || at(10) !== 84 || at(13) !== 58 || at(16) !== 58) return Number.NaN;
  if (at(text.length - 1) !== 90 || (long && at(19) !== 46)) return Number.NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millisecond = long ? digitsAt(text, 20, 3) : 0;
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return Number.NaN;
  }
  if (second < 0 || second > 59 || millisecond < 0 || day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond;
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

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** Every field in its calendar range: then Date.UTC cannot roll anything over. */
function inCalendarRange(f: DateParts): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  return f.day <= daysInMonth(f.year, f.month) && f.millisecond < 1000;
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

/** formatDate with its format fixed and compiled once. */
export function dateFormatter(format: string): (value: unknown) => string {
  if (format === "iso") return (value) => isoString(toDate("formatDate", value));
  const print = compileFormatter(compileFormat(format));
  return (value) => print(toDate("formatDate", value).getTime());
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
  // Canonical ISO text needs no Date: its instant is the one parseIso's Date would hold.
  const time = typeof value === "string" ? canonicalIsoTime(value) : Number.NaN;
  return BigInt(Math.floor((Number.isNaN(time) ? toDate("toUnix", value).getTime() : time) / 1000));
}

function toDate(functionName: string, value: unknown): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new LibraryError(functionName, "invalid timestamp");
    return value;
  }
  if (typeof value === "string") return parseIso(value, functionName);
  throw new LibraryError(functionName, `expected a timestamp or an ISO-8601 string, got ${quote(value)}`);
}
