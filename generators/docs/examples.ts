/**
 * Before/after examples from an NDJSON file whose lines are any of:
 * - a planned request, as `cannectors run --dry-run --out FILE` writes (a `body`): only the records
 *   sent, "after", are known; headers are never read, only bodies, which the dry run already masks;
 * - `{before, after}`, shown as they are;
 * - a source record (anything else): "after" is what the connector's own filters make of it, run by
 *   the runtime's filter engine, so the example is exactly what would be sent (null when dropped).
 */
import type { Connector } from "../../runtime/artifact/index.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { compileFilters } from "../../runtime/filters/index.js";
import type { JsonRecord } from "../../runtime/json/path.js";
import type { Example } from "./model-types.js";
import { isBrokerOutput } from "./broker-words.js";

const MAX_EXAMPLES = 3;

function recordsOfBody(body: unknown, output: Connector["output"]): unknown[] {
  // Only an HTTP output batches into one body: a routes, fanout or fallback output has no batch of its own,
  // a broker message is one record and a SQL output's planned body is one statement, so each planned body is one example.
  const batch = !isBrokerOutput(output) && output.type !== "sql" && "batch" in output ? output.batch : undefined;
  if (!batch) return [body];
  let value = body;
  for (const segment of batch.wrap ? batch.wrap.split(".") : []) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return Array.isArray(value) ? value : [];
}

export function parseExamples(text: string, file: string, connector: Pick<Connector, "filters" | "output">): Example[] {
  const { output } = connector;
  let filters: ReturnType<typeof compileFilters> | undefined;
  const examples: Example[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "" || examples.length >= MAX_EXAMPLES) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new CannectorsError(ErrorCodes.CONFIG_INVALID, `${file}:${index + 1}:1 not a JSON line`, { cause: error });
    }
    const entry = (parsed ?? {}) as Record<string, unknown>;
    if ("after" in entry) {
      examples.push({ before: entry.before ?? null, after: entry.after });
      return;
    }
    if (!("body" in entry)) {
      filters ??= compileFilters(connector.filters);
      const [after] = filters(entry as JsonRecord, index);
      examples.push({ before: entry, after: after ?? null });
      return;
    }
    for (const record of recordsOfBody(entry.body, output)) {
      if (examples.length < MAX_EXAMPLES) examples.push({ before: null, after: record });
    }
  });
  return examples;
}
