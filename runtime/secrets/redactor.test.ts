import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor, encodedForms } from "./index.js";

describe("createRedactor", () => {
  const secret = "s3cr3t/p@ss word+é";
  const table: { name: string; given: string }[] = [
    { name: "plain", given: `token=${secret};` },
    { name: "base64", given: `Basic ${Buffer.from(secret).toString("base64")}` },
    { name: "base64url", given: `jwt.${Buffer.from(secret).toString("base64url")}.sig` },
    { name: "encodeURIComponent", given: `?key=${encodeURIComponent(secret)}&x=1` },
    { name: "form-encoded", given: `client_secret=${new URLSearchParams({ a: secret }).toString().slice(2)}` },
    { name: "lower-case percent escapes", given: `?key=${encodeURIComponent(secret).toLowerCase()}` },
    { name: "JSON-escaped", given: `{"password":${JSON.stringify(secret)}}` },
  ];
  for (const { name, given } of table) {
    it(`masks the ${name} form`, () => {
      const out = createRedactor([secret]).redact(given);
      expect(out).toContain("***");
      for (const form of encodedForms(secret)) expect(out).not.toContain(form);
    });
  }

  it("leaves text without secrets untouched, and values under 4 chars are not secrets", () => {
    const redactor = createRedactor(["abc", "", "long-secret"]);
    expect(redactor.redact("abc def")).toBe("abc def");
    expect(redactor.redact("x long-secret y")).toBe("x *** y");
  });

  it("masks overlapping secrets completely, whichever starts first", () => {
    const redactor = createRedactor(["abcd", "cdefghij"]);
    expect(redactor.redact("xxabcdefghijyy")).toBe("xx***yy");
    expect(redactor.redact("abcd abcd")).toBe("*** ***");
  });

  it("masks values added after the first use", () => {
    const redactor = createRedactor([]);
    expect(redactor.redact("Bearer eyJ-token-1")).toBe("Bearer eyJ-token-1");
    redactor.add("eyJ-token-1");
    redactor.add(Buffer.from("user:password").toString("base64"));
    expect(redactor.redact("Bearer eyJ-token-1")).toBe("Bearer ***");
    expect(redactor.redact(`Basic ${Buffer.from("user:password").toString("base64")}`)).toBe("Basic ***");
  });

  it("escapes regular-expression syntax inside secrets", () => {
    const redactor = createRedactor(["a.b*c(d)|e$"]);
    expect(redactor.redact("axbbbc(d)|e$ a.b*c(d)|e$")).toBe("axbbbc(d)|e$ ***");
  });

  it("redactValue deep-copies and masks strings and keys, leaving other types", () => {
    const input = { "key-secret1": ["secret1 here", 42, null, { n: true }], plain: "ok" };
    const out = createRedactor(["secret1"]).redactValue(input);
    expect(out).toEqual({ "key-***": ["*** here", 42, null, { n: true }], plain: "ok" });
    expect(input.plain).toBe("ok");
    expect(input["key-secret1"][0]).toBe("secret1 here");
  });

  it("redactValue survives cycles", () => {
    const cyclic: Record<string, unknown> = { a: "secret1" };
    cyclic.self = cyclic;
    expect(createRedactor(["secret1"]).redactValue(cyclic)).toEqual({ a: "***", self: "[Circular]" });
  });

  it("never lets a secret or its encodings through (property)", () => {
    const secretArb = fc.string({ minLength: 4, maxLength: 24, unit: "grapheme" });
    const textArb = fc.string({ maxLength: 40, unit: "grapheme" });
    fc.assert(
      fc.property(
        fc.array(secretArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(textArb, fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
        textArb,
        (secrets, pieces, tail) => {
          const redactor = createRedactor(secrets);
          let text = "";
          for (const [before, which, form] of pieces) {
            const chosen = secrets[which % secrets.length] ?? "";
            const forms = encodedForms(chosen);
            text += before + (forms[form % forms.length] ?? "");
          }
          text += tail;
          const out = redactor.redact(text);
          for (const s of secrets) {
            for (const form of encodedForms(s)) {
              if (out.includes(form)) throw new Error(`leaked ${JSON.stringify(form)} in ${JSON.stringify(out)}`);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
