import type { JsonRecord } from "../../json/path.js";
import { isExactNumber, stringifyJson } from "../../json/stringify.js";

/** NDJSON: each record's exact JSON text (big integers and long decimals as received), one per line. */
export function ndjsonFile(lines: readonly string[]): Buffer {
  return Buffer.from(lines.length === 0 ? "" : `${lines.join("\n")}\n`, "utf8");
}

/**
 * CSV (RFC 4180): a header, then one line per record. A field the record lacks and a null are both
 * an empty cell; numbers are their exact text; an object or a list is its JSON text.
 */
export function csvFile(records: readonly JsonRecord[], columns: readonly string[]): Buffer {
  const lines = [columns.map(csvCell).join(",")];
  for (const record of records) lines.push(columns.map((name) => csvCell(cellText(record[name]))).join(","));
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || isExactNumber(value)) return String(value);
  return stringifyJson(value);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns of a file: the declared ones, else every field of its records in first-seen order. */
export function columnsOf(records: readonly JsonRecord[], declared: readonly string[] | undefined): string[] {
  if (declared) return [...declared];
  const seen = new Set<string>();
  for (const record of records) for (const name of Object.keys(record)) seen.add(name);
  return [...seen];
}
