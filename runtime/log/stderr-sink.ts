import { formatJson, formatPretty } from "./format.js";
import type { LogEntry, LogSink } from "./types.js";

export interface StderrSinkOptions {
  format: "pretty" | "json";
  /** The CLI passes `stream.isTTY && !process.env.NO_COLOR`; never inferred here, so output is predictable. */
  color: boolean;
  stream?: NodeJS.WritableStream;
  /** Fields left out of pretty lines (e.g. the connector and execution id a terminal user already knows). */
  hideInPretty?: readonly string[];
}

export function stderrSink(options: StderrSinkOptions): LogSink {
  const hidden = new Set(options.hideInPretty ?? []);
  const withoutHidden = (entry: LogEntry): LogEntry =>
    hidden.size === 0
      ? entry
      : { ...entry, fields: Object.fromEntries(Object.entries(entry.fields).filter(([k]) => !hidden.has(k))) };
  const stream = options.stream ?? process.stderr;
  return (entry) => {
    const line = options.format === "json" ? formatJson(entry) : formatPretty(withoutHidden(entry), options.color);
    stream.write(`${line}\n`);
  };
}
