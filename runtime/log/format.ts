import pc from "picocolors";
import type { LogEntry, LogLevel } from "./types.js";

type Paint = (text: string) => string;

/** `HH:MM:SS.mmm LEVEL message key=value ...`, time in UTC like the stored entries. */
export function formatPretty(entry: LogEntry, color: boolean): string {
  const c = pc.createColors(color);
  const levelPaint: Record<LogLevel, Paint> = { debug: c.gray, info: c.cyan, warn: c.yellow, error: c.red };
  const time = c.dim(entry.time.slice(11, 23));
  const level = levelPaint[entry.level](entry.level.toUpperCase().padEnd(5));
  const message = entry.level === "error" ? c.bold(entry.message) : entry.message;
  const pairs = Object.entries(entry.fields).map(([key, value]) => `${c.dim(`${key}=`)}${prettyValue(value)}`);
  return [time, level, message, ...pairs].join(" ");
}

/** One JSON object: the entry's fields flattened beside time, level and message (which win a name clash). */
export function formatJson(entry: LogEntry): string {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry.fields)) {
    fields[key === "time" || key === "level" || key === "message" ? `field.${key}` : key] = value;
  }
  return JSON.stringify({ time: entry.time, level: entry.level, message: entry.message, ...fields });
}

/** Bare when unambiguous, JSON otherwise, so `key=value` stays splittable on spaces. */
function prettyValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"]+$/.test(value) ? value : JSON.stringify(value);
  if (value === undefined) return "undefined";
  return JSON.stringify(value) ?? String(value);
}
