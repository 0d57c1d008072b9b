/**
 * A list of typed elements (`phone_numbers[]` whose `type` is one of `home`, `mobile`, `fax`, …) holds one
 * element per kind: a target that names one of those kinds (`mobile_phone`, `faxNumber`, `billing_city`) is
 * filled by the element of that kind (the first item of that type). Read from the schema alone: the enum of
 * a sibling field of the list's elements, with no word list.
 */
import type { FieldProfile } from "./profile.js";
import { splitWords, stem } from "./tokens.js";

const MIN_WORD = 3;

function wordsOf(text: string): string[] {
  return splitWords(text)
    .filter((w) => w.length >= MIN_WORD)
    .map(stem);
}

/** The kinds each source's list declares in a sibling enum (empty outside a list of objects). */
export function listKinds(sources: readonly FieldProfile[]): ReadonlySet<string>[] {
  const listOf = (path: string) => {
    const at = path.lastIndexOf("[].");
    return at < 0 ? undefined : path.slice(0, at);
  };
  const kinds = new Map<string, Map<string, Set<string>>>();
  for (const s of sources) {
    const list = listOf(s.field.path);
    const values = s.field.enum ?? [];
    if (list === undefined || values.length < 2) continue;
    const words = new Set(values.flatMap((v) => wordsOf(String(v))));
    const byField = kinds.get(list) ?? new Map<string, Set<string>>();
    byField.set(s.field.path, words);
    kinds.set(list, byField);
  }
  return sources.map((s) => {
    const list = listOf(s.field.path);
    const out = new Set<string>();
    for (const [path, words] of kinds.get(list ?? "") ?? [])
      if (path !== s.field.path) for (const w of words) out.add(w);
    return out;
  });
}

/** Every word of a field's path, stemmed. */
export function pathWordsOf(path: string): ReadonlySet<string> {
  return new Set(wordsOf(path.replace(/\[\]/g, "")));
}

/** 1 when the target names a kind of the source's typed list that the source's own path does not say. */
export function typedElement(
  sourceKinds: ReadonlySet<string>,
  sourceWords: ReadonlySet<string>,
  targetWords: ReadonlySet<string>,
): number {
  if (sourceKinds.size === 0) return 0;
  for (const w of targetWords) if (sourceKinds.has(w) && !sourceWords.has(w)) return 1;
  return 0;
}
