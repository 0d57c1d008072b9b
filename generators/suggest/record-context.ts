import type { FieldRecord } from "./field-record.js";
import type { MappingCandidate, TargetSuggestion } from "./suggest.js";
import { conceptAffinity, toConcepts } from "./synonyms.js";
import { stem, tokenize } from "./tokens.js";

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

/** `client_id`, `clientId` or `ClientID` at the root of a body when the target resource is `clients`. */
function ownKeyOf(target: FieldRecord, context: RecordContext): boolean {
  const words = tokenize(target.path);
  const atRoot = !target.path.includes(".");
  return atRoot && words.length === 2 && words[1] === "id" && sameResource(words[0] as string, context.targetResource);
}

/**
 * A key the target system assigns itself ("generated", "assigned automatically", or a UUID where the source
 * key is none) takes no key from elsewhere, even for the same kind of record.
 */
function systemAssigned(target: FieldRecord, sourceId: FieldRecord): boolean {
  const text = target.description ?? "";
  if (/\bgenerated\b|\bauto(?:matically)?[- ]?(?:assign|generat)|\bassigned automatically\b/i.test(text)) return true;
  return target.format === "uuid" && sourceId.format !== "uuid";
}

/**
 * A record of another kind (an applicant, not an employee) has no key in the target system: its own `id`
 * names a record the target does not hold, so it is no candidate for the target's key.
 */
function withoutForeignKey(suggestion: TargetSuggestion): TargetSuggestion {
  return { target: suggestion.target, candidates: suggestion.candidates.filter((c) => c.source !== "id") };
}

export function applyRecordContext(
  suggestions: TargetSuggestion[],
  source: readonly FieldRecord[],
  target: readonly FieldRecord[],
  context: RecordContext,
): TargetSuggestion[] {
  const sourceId = source.find((f) => f.path === "id");
  if (!sourceId) return suggestions;
  const same = sameResource(context.sourceResource, context.targetResource);
  return suggestions.map((suggestion) => {
    const field = target.find((f) => f.path === suggestion.target);
    if (!field || !ownKeyOf(field, context)) return suggestion;
    if (!same || systemAssigned(field, sourceId)) return withoutForeignKey(suggestion);
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
