/**
 * The user's word on what the connector is for (`generate --hint "products"`, `--hint "orders → invoices"`):
 * a factor on each side whose records are what the hint names, by the same concepts and kinds of records
 * as the ranking's affinity (`clients` matches a hint of `customers`; `invoices` a hint of `orders`, less).
 * Words before an arrow speak of the source, after it of the target; without an arrow, of both.
 */
import { conceptAffinity, splitWords } from "../suggest/index.js";
import { type Affinity, type ResourceKind, resourceKind } from "./resource-affinity.js";

/** The user's word outweighs what field names say: a products sync is not a customers sync that fits better. */
const SAME_RECORDS = 2;
const SAME_KIND = 1.5;

export interface DomainHint {
  source: ResourceKind[];
  target: ResourceKind[];
}

export function parseHint(hint: string): DomainHint {
  const [left = "", right] = hint.split(/→|->/);
  const kinds = (text: string) => splitWords(text).map(resourceKind);
  return { source: kinds(left), target: kinds(right ?? left) };
}

function sideFactor(name: "source" | "target", kind: ResourceKind, hinted: readonly ResourceKind[]): Affinity {
  if (hinted.some((h) => h.concept !== "" && conceptAffinity(h.concept, kind.concept) === 1))
    return { factor: SAME_RECORDS, note: `${name}: ${kind.word}, what the hint names` };
  const family = kind.family;
  if (family !== undefined && hinted.some((h) => h.family === family))
    return { factor: SAME_KIND, note: `${name}: ${kind.word}, of the kind the hint names (${family})` };
  return { factor: 1 };
}

/** Both sides' factors as one, with the reasons `generate --list` shows. */
export function hintAffinity(hint: DomainHint | undefined, source: ResourceKind, target: ResourceKind): Affinity {
  if (hint === undefined) return { factor: 1 };
  const sides = [sideFactor("source", source, hint.source), sideFactor("target", target, hint.target)];
  const notes = sides.flatMap((s) => (s.note === undefined ? [] : [s.note]));
  return { factor: sides[0]!.factor * sides[1]!.factor, ...(notes.length > 0 ? { note: notes.join("; ") } : {}) };
}
