/**
 * Candidates that are not one source for one target: first + last name → full name (concat) and
 * full name → first or last name (split). They are exempt from the one-to-one assignment because one
 * full name legitimately feeds both given and family name.
 */
import type { FieldProfile } from "./profile.js";

export interface StructuralCandidate {
  sources: FieldProfile[];
  conversion: "concat" | "split";
  reason: string;
}

const isOnly = (p: FieldProfile, concepts: readonly string[]) =>
  p.leaf.length === 1 && concepts.includes(p.leaf[0] as string);
const parentOf = (p: FieldProfile) => p.readingPath.split(".").slice(0, -1).join(".");
const PERSON_PART = ["firstname", "lastname", "middlename"];
const WHOLE_NAME = ["name", "fullname"];

export function structuralCandidates(target: FieldProfile, sources: readonly FieldProfile[]): StructuralCandidate[] {
  const out: StructuralCandidate[] = [];
  if (target.kind !== "string" && target.kind !== "any") return out;
  if (isOnly(target, PERSON_PART)) {
    for (const s of sources) {
      if (isOnly(s, WHOLE_NAME) && s.kind === "string") {
        out.push({ sources: [s], conversion: "split", reason: `split ${s.field.path} into name parts` });
      }
    }
  }
  if (isOnly(target, WHOLE_NAME) || target.leaf.includes("attention")) {
    for (const first of sources) {
      if (!isOnly(first, ["firstname"])) continue;
      const last = sources.find((s) => isOnly(s, ["lastname"]) && parentOf(s) === parentOf(first));
      if (last) out.push({ sources: [first, last], conversion: "concat", reason: "first + last name → full name" });
    }
  }
  return out;
}
