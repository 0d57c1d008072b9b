import { formatJson, formatPretty } from "./format.js";
import type { LogSink } from "./types.js";

export interface StderrSinkOptions {
  format: "pretty" | "json";
  /** The CLI passes `stream.isTTY && !process.env.NO_COLOR`; never inferred here, so output is predictable. */
  color: boolean;
  stream?: NodeJS.WritableStream;
}

export function stderrSink(options: StderrSinkOptions): LogSink {
  const stream = options.stream ?? process.stderr;
  return (entry) => {
    const line = options.format === "json" ? formatJson(entry) : formatPretty(entry, options.color);
    stream.write(`${line}\n`);
  };
}
