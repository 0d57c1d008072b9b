import { describe, expect, it } from "vitest";
import { findLink, parseLinkHeader } from "./link-header.js";

describe("parseLinkHeader", () => {
  it("parses several links with quoted, unquoted and repeated parameters", () => {
    const header =
      '<https://api.example.com/items?page=2&per_page=3>; rel="next"; title="a, b; c", ' +
      "<https://api.example.com/items?page=9>; REL=last; rel=ignored, <>; rel=self";
    expect(parseLinkHeader(header)).toEqual([
      { uri: "https://api.example.com/items?page=2&per_page=3", params: { rel: "next", title: "a, b; c" } },
      { uri: "https://api.example.com/items?page=9", params: { rel: "last" } },
      { uri: "", params: { rel: "self" } },
    ]);
  });

  it("skips junk between links", () => {
    expect(parseLinkHeader('junk, <a>; rel="next"')).toEqual([{ uri: "a", params: { rel: "next" } }]);
  });
});

describe("findLink", () => {
  const cases: Array<[string | undefined, string, string | undefined]> = [
    ['<p2>; rel="next"', "next", "p2"],
    ['<p2>; rel="prev next"', "next", "p2"],
    ['<p2>; rel="NEXT"', "next", "p2"],
    ['<p1>; rel="prev", <p3>; rel="next"', "next", "p3"],
    ['<p1>; rel="prev"', "next", undefined],
    ['<p1>; rel="nextish"', "next", undefined],
    [undefined, "next", undefined],
    ["", "next", undefined],
  ];
  it.each(cases)("%s (rel %s) → %s", (header, rel, want) => {
    expect(findLink(header, rel)?.uri).toBe(want);
  });
});
