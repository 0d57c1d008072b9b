import { describe, expect, it } from "vitest";
import { plainOrRef, secretSource } from "./secret-words.js";

describe("secretSource", () => {
  it.each([
    ["${env:CRM_API_KEY}", "the environment variable `CRM_API_KEY`"],
    ["Bearer ${env:TOKEN}", "a value built from the environment variable(s) `TOKEN`"],
    ["sk_live_0123456789", "a literal in the artifact (not shown)"],
  ])("%s → %s", (value, words) => {
    expect(secretSource(value)).toBe(words);
  });
});

describe("plainOrRef", () => {
  it.each([
    ["json", '"json"'],
    [50, "50"],
    [true, "true"],
    ["${env:TENANT}", "(the environment variable `TENANT`)"],
  ] as const)("%s → %s", (value, words) => {
    expect(plainOrRef(value)).toBe(words);
  });
});
