/**
 * Before/after examples from a file: the NDJSON `cannectors run --dry-run --out FILE` writes (each
 * line a planned request, so only the records sent — "after" — are known), or lines that already
 * hold `{before, after}`. Headers are never read: only bodies, which the dry run already masks.
 */
import type { Connector } from "../../runtime/artifact/index.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import type { Example } from "./model-types.js";

const MAX_EXAMPLES = 3;

function recordsOfBody(body: unknown, output: Connector["output"]): unknown[] {
  if (!output.batch) return [body];
  let value = body;
  for (const segment of output.batch.wrap ? output.batch.wrap.split(".") : []) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return Array.isArray(value) ? value : [];
}

export function parseExamples(text: string, file: string, output: Connector["output"]): Example[] {
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
    for (const record of recordsOfBody(entry.body, output)) {
      if (examples.length < MAX_EXAMPLES) examples.push({ before: null, after: record });
    }
  });
  return examples;
}
