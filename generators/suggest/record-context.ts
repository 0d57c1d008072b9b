import type { FieldRecord } from "./field-record.js";
import type { MappingCandidate, TargetSuggestion } from "./suggest.js";
import { conceptAffinity, toConcepts } from "./synonyms.js";
import { stem } from "./tokens.js";

/**
 * What the operations say about the records, which field names alone do not: the source records
 * are "customers" and the target records are "clients". With it, the target's own key
 * (`client_id`) is the source record's `id` whenever the two resources mean the same thing.
 */
export interface RecordContext {
  /** Resource names, e.g. the last literal segment of each operation's path (`customers`, `clients`). */
  sourceResource: string;
  targetResource: string;
}

const OWN_KEY_CONFIDENCE = 0.92;

function sameResource(a: string, b: string): boolean {
  const [x] = toConcepts([stem(a.toLowerCase())]);
  const [y] = toConcepts([stem(b.toLowerCase())]);
  return x !== undefined && y !== undefined && conceptAffinity(x, y) === 1;
}

/** `client_id` or `clientId` when the target resource is `clients`; undefined otherwise. */
function ownKeyOf(target: FieldRecord, context: RecordContext): boolean {
  const match = /^([a-z]+)(?:_id|Id|ID)$/.exec(target.path);
  return match !== null && sameResource(match[1]!, context.targetResource);
}

export function applyRecordContext(
  suggestions: TargetSuggestion[],
  source: readonly FieldRecord[],
  target: readonly FieldRecord[],
  context: RecordContext,
): TargetSuggestion[] {
  const sourceId = source.find((f) => f.path === "id");
  if (!sourceId || !sameResource(context.sourceResource, context.targetResource)) return suggestions;
  return suggestions.map((suggestion) => {
    const field = target.find((f) => f.path === suggestion.target);
    if (!field || !ownKeyOf(field, context)) return suggestion;
    const own: MappingCandidate = {
      source: "id",
      confidence: OWN_KEY_CONFIDENCE,
      reasons: [
        `${context.sourceResource} and ${context.targetResource} are the same records: their id is the ${field.path}`,
      ],
      conversion: "none",
    };
    const rest = suggestion.candidates.filter((c) => c.source !== "id");
    return { target: suggestion.target, candidates: [own, ...rest] };
  });
}
