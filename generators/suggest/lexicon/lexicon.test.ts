import { describe, expect, it } from "vitest";
import { scoreCandidates } from "../suggest.js";
import { tokenAffinity } from "../similarity.js";
import { lexicalAffinity, relatedWords } from "./lexicon.js";

describe("WordNet lexicon", () => {
  it.each([
    { a: "subject", b: "topic", why: "one first sense" },
    { a: "start", b: "begin", why: "one first sense" },
    { a: "describe", b: "description", why: "derivation" },
    { a: "created", b: "creation", why: "past form, then derivation" },
  ])("relates $a and $b ($why)", ({ a, b }) => {
    expect(lexicalAffinity(a, b)).toBeGreaterThan(0);
    expect(tokenAffinity(a, b)).toBeGreaterThan(0);
  });

  it.each([
    { a: "state", b: "country", why: "a state is a country only in a rare sense" },
    { a: "city", b: "amount", why: "unrelated" },
  ])("leaves $a and $b apart ($why)", ({ a, b }) => {
    expect(tokenAffinity(a, b)).toBe(0);
  });

  it("leaves the curated vocabulary's own decisions alone: a number is no amount", () => {
    expect(lexicalAffinity("number", "amount")).toBeGreaterThan(0);
    expect(tokenAffinity("number", "amount")).toBe(0);
  });

  it("lists what a description may say for a word", () => {
    expect(relatedWords("describe")).toContain("description");
  });
});

describe("descriptions compared with names", () => {
  const field = (path: string, description?: string) => ({ path, type: "string", required: false, description });

  it("reads a field's name as its description when it has none", () => {
    const [title] = scoreCandidates([field("summary", "Title of the event.")], [field("title")]);
    const summary = title?.candidates.find((c) => c.source === "summary");
    expect(summary?.features.description).toBeGreaterThan(0);
  });

  it("finds a word of the name in the other side's description through WordNet", () => {
    const [topic] = scoreCandidates([field("headline", "The subject of the article")], [field("topic")]);
    expect(topic?.candidates[0]?.features.nameInDescription).toBeGreaterThan(0);
  });
});
