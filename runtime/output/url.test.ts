import { describe, expect, it } from "vitest";
import { buildUrl } from "./url.js";

describe("buildUrl", () => {
  it.each<{ base: string; path: string; query: Record<string, number | boolean>; want: string }>([
    { base: "http://127.0.0.1:1/", path: "/a", query: {}, want: "http://127.0.0.1:1/a" },
    { base: "http://127.0.0.1:1", path: "/a b", query: { x: 1, y: true }, want: "http://127.0.0.1:1/a%20b?x=1&y=true" },
  ])("$base + $path", ({ base, path, query, want }) => {
    expect(buildUrl(base, path, query)).toBe(want);
    expect(buildUrl(base, path, query)).toBe(want);
  });

  it("recomputes when any input changes", () => {
    const query = { page: 1 };
    expect(buildUrl("http://127.0.0.1:1", "/a", query)).toBe("http://127.0.0.1:1/a?page=1");
    expect(buildUrl("http://127.0.0.1:1", "/b", query)).toBe("http://127.0.0.1:1/b?page=1");
    expect(buildUrl("http://127.0.0.1:2", "/b", query)).toBe("http://127.0.0.1:2/b?page=1");
    expect(buildUrl("http://127.0.0.1:2", "/b", { page: 2 })).toBe("http://127.0.0.1:2/b?page=2");
  });
});
