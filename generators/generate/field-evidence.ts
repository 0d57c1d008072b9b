/**
 * How much a filled target field says about two operations moving the same kind of record. Filling a
 * customer's `email` and `name` says a lot; filling `id`, `url` or `metadata`, which every record has,
 * says little; filling the record's `email` from a nested `user.email` (an issue's author) says less.
 */
import { toConcepts, tokenize } from "../suggest/index.js";

/** Head nouns every kind of record has. */
const GENERIC = new Set([
  "identifier",
  "url",
  "type",
  "object",
  "metadata",
  "created",
  "updated",
  "expand",
  "state",
  "status",
]);
/** Words too common in field names to say, when shared, that two fields hold the same thing. */
const FILLER = new Set(["at", "is", "has", "of", "by", "to", "on", "in", "for"]);

const GENERIC_WEIGHT = 0.25;
const NESTED_WEIGHT = 0.6;

/** Field names repeat across a big spec's operations (`id`, `url`, `created_at`): each is read once. */
const known = new Map<string, string[]>();

/**
 * The path that names a field: value wrappers dropped. Some APIs wrap every scalar in an object
 * (Visma: `description: { value }`, `customer: { value }`; money as `total: { value, currency }`),
 * so the leaf of every field is `value` and its name is the segment above.
 */
export function namingPath(path: string): string {
  const segments = path.split(".");
  while (segments.length > 1 && segments.at(-1)?.toLowerCase() === "value") segments.pop();
  return segments.join(".");
}

/** The concepts of a field's own name (its last path segment): `billing.postal_code` → `postcode`. */
export function conceptsOf(path: string): string[] {
  const leaf = namingPath(path).split(".").at(-1) ?? path;
  let concepts = known.get(leaf);
  if (!concepts) {
    concepts = toConcepts(tokenize(leaf));
    known.set(leaf, concepts);
  }
  return concepts;
}

/** The concepts worth matching on their own: `avatar_url` → `avatar`. */
export function tellingWords(concepts: readonly string[]): string[] {
  return concepts.filter((c) => !GENERIC.has(c) && !FILLER.has(c));
}

export function depthOf(path: string): number {
  return namingPath(path).split(".").length;
}

/** The weight of a match for a target field: 1, less for a generic field or a source field nested deeper. */
export function evidenceWeight(targetPath: string, sourcePath?: string): number {
  const head = conceptsOf(targetPath).at(-1);
  const generic = head !== undefined && GENERIC.has(head) ? GENERIC_WEIGHT : 1;
  const nested = sourcePath !== undefined && depthOf(sourcePath) > depthOf(targetPath) ? NESTED_WEIGHT : 1;
  return generic * nested;
}
