/**
 * Which source object is the same thing as a target object. Fields are grouped by their parent object
 * (the root record, `shipping_address`, `lines.data[]`); a target object's fields vote, by how well each
 * is named by some field of a source object, for the source object that holds the same entity:
 * `recipient.address.*` reads like `shipping_address.*` field by field, `items[]` like `lines.data[]`,
 * although the objects' own names share nothing. The vote is read for each candidate without the
 * candidate's own target field (its siblings decide), so a name match does not vote for itself.
 */
import type { FeatureVector } from "./features.js";
import { hungarian } from "./hungarian.js";
import type { FieldProfile } from "./profile.js";

const parentKey = (profile: FieldProfile): string => {
  const path = profile.readingPath;
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(0, dot);
};

/**
 * Sets `siblingAlignment` (how well the target's sibling fields are named inside the source field's
 * object, 0..1) and `bestParent` (the source field's object is the one the siblings vote for) on every
 * (target, source) feature vector, from the name similarities already computed.
 */
export function alignObjects(
  sources: readonly FieldProfile[],
  targets: readonly FieldProfile[],
  features: readonly (readonly FeatureVector[])[],
): void {
  const sourceParents = sources.map(parentKey);
  const parentIds = new Map<string, number>();
  for (const p of sourceParents) if (!parentIds.has(p)) parentIds.set(p, parentIds.size);
  const sourceParentId = sourceParents.map((p) => parentIds.get(p) as number);
  const parentCount = parentIds.size;
  // best[t][P]: how well target t is named by the best field of source object P.
  const best = targets.map((_, ti) => {
    const row = new Float64Array(parentCount);
    const scores = features[ti] as readonly FeatureVector[];
    for (let si = 0; si < sources.length; si++) {
      const v = (scores[si] as FeatureVector).leafName;
      const p = sourceParentId[si] as number;
      if (v > (row[p] as number)) row[p] = v;
    }
    return row;
  });
  const groups = new Map<string, number[]>();
  targets.forEach((t, ti) => {
    const key = parentKey(t);
    groups.set(key, [...(groups.get(key) ?? []), ti]);
  });
  assignObjects([...groups.values()], sourceParentId, parentCount, best, features);
  for (const members of groups.values()) {
    const totals = new Float64Array(parentCount);
    for (const ti of members) {
      const row = best[ti] as Float64Array;
      for (let p = 0; p < parentCount; p++) totals[p] = (totals[p] as number) + (row[p] as number);
    }
    const siblings = members.length - 1;
    for (const ti of members) {
      const row = best[ti] as Float64Array;
      // The siblings' vote: each object's total without this target's own match.
      const vote = new Float64Array(parentCount);
      let top = 0;
      for (let p = 0; p < parentCount; p++) {
        vote[p] = siblings > 0 ? ((totals[p] as number) - (row[p] as number)) / siblings : 0;
        if ((vote[p] as number) > top) top = vote[p] as number;
      }
      const scores = features[ti] as readonly FeatureVector[];
      for (let si = 0; si < sources.length; si++) {
        const f = scores[si] as FeatureVector;
        const v = vote[sourceParentId[si] as number] as number;
        f.siblingAlignment = v;
        f.bestParent = top > 0 && v >= top - 1e-9 ? 1 : 0;
      }
    }
  }
}

/** How much better another target object's claim on a source object must be to take it from this one. */
const CLAIM_MARGIN = 0.05;

/**
 * Sets `objectTaken`: one source object per target object, one-to-one over the whole pair, by how well the
 * object's fields are named inside it plus how well the two objects' own names agree. Twin objects tie field
 * by field (`billing_address.city` and `shipping_address.city` for `recipient.address.city`); once
 * `billing.address` has clearly taken `billing_address`, that object is another record for
 * `recipient.address`. A tie takes nothing: with no name to decide, the assignment would be a coin toss.
 */
function assignObjects(
  groups: readonly number[][],
  sourceParentId: readonly number[],
  parentCount: number,
  best: readonly Float64Array[],
  features: readonly (readonly FeatureVector[])[],
): void {
  // The parent names' agreement of a target object with each source object (the same for all its fields).
  const naming = groups.map((members) => {
    const row = new Float64Array(parentCount);
    const scores = features[members[0] as number] as readonly FeatureVector[];
    scores.forEach((f, si) => {
      row[sourceParentId[si] as number] = f.parentContext;
    });
    return row;
  });
  const claim = groups.map((members, g) =>
    Array.from({ length: parentCount }, (_, p) => {
      let total = 0;
      for (const ti of members) total += (best[ti] as Float64Array)[p] as number;
      return total / members.length + ((naming[g] as Float64Array)[p] as number);
    }),
  );
  const assigned = hungarian(claim.map((row) => row.map((v) => -v)));
  groups.forEach((members, g) => {
    const taken = new Uint8Array(parentCount);
    assigned.forEach((p, other) => {
      if (other !== g && p >= 0 && (claim[other]?.[p] as number) > (claim[g]?.[p] as number) + CLAIM_MARGIN)
        taken[p] = 1;
    });
    // This object's own clear choice: its fields are not under a foreign parent there, whatever the names.
    const row = claim[g] as number[];
    const mine = assigned[g] ?? -1;
    const rival = Math.max(0, ...row.filter((_, p) => p !== mine));
    const decisive = mine >= 0 && (row[mine] as number) > rival + CLAIM_MARGIN;
    for (const ti of members)
      (features[ti] as readonly FeatureVector[]).forEach((f, si) => {
        f.objectTaken = taken[sourceParentId[si] as number] as number;
        if (decisive && sourceParentId[si] === mine) {
          f.sourceParentUnmatched = 0;
          f.targetParentUnmatched = 0;
          f.sourceListParentUnmatched = 0;
          f.targetListParentUnmatched = 0;
          f.nameUnderForeignParent = 0;
        }
      });
  });
}
