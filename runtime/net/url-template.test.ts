import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCannectorsError } from "../errors/index.js";
import { compileUrlTemplate, type UrlTemplateSpec } from "./url-template.js";

const BASE = "http://127.0.0.1:8080/api/";

describe("compileUrlTemplate", () => {
  it.each<{ spec: UrlTemplateSpec; record?: unknown; want: string }>([
    { spec: { baseUrl: "http://127.0.0.1:1/", path: "/a" }, want: "http://127.0.0.1:1/a" },
    {
      spec: { baseUrl: "http://127.0.0.1:1", path: "/a b", query: { x: 1, y: true } },
      want: "http://127.0.0.1:1/a%20b?x=1&y=true",
    },
    { spec: { baseUrl: BASE, path: "/o/{org}/m/{id}" }, record: { org: "acme", id: 7 }, want: `${BASE}o/acme/m/7` },
    {
      spec: { baseUrl: BASE, path: "/c/{client.id}/notes", query: { q: "a b&c" } },
      record: { client: { id: "a/b c" } },
      want: `${BASE}c/a%2Fb%20c/notes?q=a+b%26c`,
    },
    { spec: { baseUrl: BASE, path: "/v{n}/x" }, record: { n: 2 }, want: `${BASE}v2/x` },
    { spec: { baseUrl: BASE, path: "/f/{a}.{b}" }, record: { a: "x", b: "json" }, want: `${BASE}f/x.json` },
    { spec: { baseUrl: BASE, path: "/big/{n}" }, record: { n: 2n ** 64n }, want: `${BASE}big/18446744073709551616` },
    { spec: { baseUrl: BASE, path: "/a/./b/../{id}" }, record: { id: "k" }, want: `${BASE}a/k` },
    { spec: { baseUrl: "http://h.test", path: "/{id}" }, record: { id: "?x=1#y" }, want: "http://h.test/%3Fx%3D1%23y" },
  ])("$spec.path with $record → $want", ({ spec, record, want }) => {
    const filled = compileUrlTemplate(spec).fill(record);
    expect(filled).toEqual({ ok: true, url: want, maskedUrl: want });
  });

  it.each([
    [{ id: "." }, 'path placeholder {id} is "." in the record, which would remove a path segment'],
    [{ id: ".." }, 'path placeholder {id} is ".." in the record, which would remove a path segment'],
    [{ id: "" }, "path placeholder {id} is empty in the record (an empty path segment)"],
    [{}, "path placeholder {id} has no value in the record"],
    [{ id: null }, "path placeholder {id} has no value in the record"],
    [{ id: [1] }, "path placeholder {id} is not a scalar in the record"],
    [
      { id: "a\ud800" },
      "path placeholder {id} is not well-formed Unicode in the record (a lone surrogate has no URL form)",
    ],
  ])("refuses %j: %s", (record, reason) => {
    expect(compileUrlTemplate({ baseUrl: BASE, path: "/m/{id}" }).fill(record)).toEqual({ ok: false, reason });
  });

  it.each([
    ["/f/{a}{b}", { a: ".", b: "x" }, /\{a\} is "\."/],
    ["/f/%2{a}", { a: "e" }, /\{a\} would fill a "%2e" path segment/],
    ["/f/{a}.", { a: "x." }, null],
  ])("a segment shared by placeholders and text is checked whole: %s", (path, record, reason) => {
    const filled = compileUrlTemplate({ baseUrl: BASE, path }).fill(record);
    if (reason === null) expect(filled.ok).toBe(true);
    else expect(!filled.ok && filled.reason).toMatch(reason);
  });

  it.each(["/search?q={term}", "/a#{frag}", "/a/{id}/..", "/a/{ }", "/a/{x..y}"])(
    "%s is a configuration error",
    (path) => {
      try {
        compileUrlTemplate({ baseUrl: BASE, path });
        expect.unreachable();
      } catch (error) {
        expect(isCannectorsError(error, "CANNECTORS_E_CONFIG_INVALID")).toBe(true);
      }
    },
  );

  it("masks the template's own text only: the values placed in it stay exact", () => {
    const mask = (text: string) => text.replaceAll("tok-123", "***");
    const template = compileUrlTemplate(
      { baseUrl: "http://h.test/tok-123", path: "/u/{u}", query: { k: "tok-123" } },
      mask,
    );
    expect(template.fill({ u: "tok-123" })).toEqual({
      ok: true,
      url: "http://h.test/tok-123/u/tok-123?k=tok-123",
      maskedUrl: "http://h.test/***/u/tok-123?k=***",
    });
  });
});

/** Strings of every kind: dots, separators, escapes, any code point (lone surrogates included). */
const anyValue = fc.oneof(
  fc.constantFrom(
    "",
    ".",
    "..",
    "...",
    "/",
    "?",
    "#",
    "%",
    "%2e",
    "%2E%2e",
    ".%2e",
    "\\",
    "..\\..",
    "a/../b",
    "@",
    ":",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(".", "/", "%", "2", "e", "?", "#", "\\", " ", "é"), maxLength: 8 }),
);

const isWellFormed = (text: string) => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

describe("any string placed in a path placeholder (property)", () => {
  const template = compileUrlTemplate({ baseUrl: BASE, path: "/orgs/{org}/members/{id}", query: { confirm: "yes" } });
  const reference = new URL(`${BASE}orgs/o/members/m?confirm=yes`);

  it("never changes the URL's origin, query or number of path segments, and round-trips exactly", () => {
    fc.assert(
      fc.property(anyValue, anyValue, (org, id) => {
        const filled = template.fill({ org, id });
        const refused = [org, id].some((v) => v === "" || v === "." || v === ".." || !isWellFormed(v));
        expect(filled.ok).toBe(!refused);
        if (!filled.ok) return;
        const url = new URL(filled.url);
        // What the client sends is what it parses back: no normalisation left to move a segment.
        expect(url.href).toBe(filled.url);
        expect(url.origin).toBe(reference.origin);
        expect(url.search).toBe(reference.search);
        expect(url.hash).toBe("");
        const segments = url.pathname.split("/");
        expect(segments).toHaveLength(reference.pathname.split("/").length);
        expect([segments[3]!, segments[5]!].map((s) => decodeURIComponent(s))).toEqual([org, id]);
      }),
      { numRuns: 1_000 },
    );
  });

  it("in a segment shared with text, a value never yields a dot segment either", () => {
    const shared = compileUrlTemplate({ baseUrl: BASE, path: "/f/{a}{b}/x" });
    fc.assert(
      fc.property(anyValue, anyValue, (a, b) => {
        const filled = shared.fill({ a, b });
        if (!filled.ok) return;
        const url = new URL(filled.url);
        expect(url.href).toBe(filled.url);
        expect(url.pathname.split("/")).toHaveLength(5);
        expect(decodeURIComponent(url.pathname.split("/")[3]!)).toBe(a + b);
      }),
      { numRuns: 1_000 },
    );
  });
});
