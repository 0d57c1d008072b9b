import { describe, expect, it } from "vitest";
import { isCannectorsError } from "../runtime/errors/index.js";
import { env, secret, text } from "./refs.js";

const FIX = /pass secret\(\.\.\.\) directly as the field value, or build text with text`/;

describe("secret and env", () => {
  it("are frozen ref nodes whose only enumerable fields are the IR's", () => {
    for (const [ref, source] of [
      [secret("API_KEY"), "secret"],
      [env("API_KEY"), "env"],
    ] as const) {
      expect(ref).toEqual({ kind: "ref", source, name: "API_KEY" });
      expect(Object.keys(ref)).toEqual(["kind", "source", "name"]);
      expect(Object.isFrozen(ref)).toBe(true);
    }
  });

  it("throw CANNECTORS_E_REF_MISUSE with the fix whenever read as text or a number", () => {
    const ref = secret("TOKEN");
    const misuses: [string, () => unknown][] = [
      ["template literal", () => `Bearer ${ref}`],
      ["concatenation", () => "Bearer " + (ref as unknown as string)],
      ["String()", () => String(ref)],
      ["toString", () => ref.toString()],
      ["valueOf", () => ref.valueOf()],
      ["JSON.stringify", () => JSON.stringify({ token: ref })],
      ["arithmetic", () => (ref as unknown as number) * 1],
    ];
    for (const [name, misuse] of misuses) {
      let caught: unknown;
      try {
        misuse();
      } catch (error) {
        caught = error;
      }
      expect(isCannectorsError(caught, "CANNECTORS_E_REF_MISUSE"), name).toBe(true);
      expect((caught as Error).message, name).toMatch(FIX);
      expect((caught as Error).message, name).toContain('secret("TOKEN")');
    }
  });

  it("refuse names the artifact's ${env:NAME} cannot hold", () => {
    for (const bad of ["", "1ABC", "A-B", "A B", "env:X"]) {
      expect(() => secret(bad), bad).toThrow(/invalid variable name/);
    }
  });
});

describe("text", () => {
  const cases: [string, () => unknown, unknown][] = [
    ["literal and ref", () => text`Bearer ${secret("T")}`, ["Bearer ", { kind: "ref", source: "secret", name: "T" }]],
    ["merges adjacent literals", () => text`a${"b"}c${1}`, ["abc1"]],
    [
      "two refs",
      () => text`${env("A")}:${env("B")}`,
      [{ kind: "ref", source: "env", name: "A" }, ":", { kind: "ref", source: "env", name: "B" }],
    ],
  ];
  for (const [name, given, parts] of cases) {
    it(name, () => {
      const node = given();
      expect(node).toEqual({ kind: "text", parts });
      expect(Object.isFrozen(node)).toBe(true);
    });
  }

  it("refuses values that are neither text nor refs", () => {
    expect(() => text`${{} as never}`).toThrow(/accepts strings, numbers and secret/);
  });
});
