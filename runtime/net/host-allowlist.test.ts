import { describe, expect, it } from "vitest";
import { createHostAllowlist } from "./host-allowlist.js";

describe("createHostAllowlist", () => {
  const allowlist = createHostAllowlist(["api.example.com", "127.0.0.1:8080", "Upper.Example.com", "[::1]"]);
  const cases: Array<[string, boolean]> = [
    ["https://api.example.com/x", true],
    ["http://api.example.com:9999/x", true],
    ["https://API.EXAMPLE.COM/", true],
    ["https://upper.example.com/", true],
    ["http://127.0.0.1:8080/", true],
    ["http://127.0.0.1:8081/", false],
    ["http://127.0.0.1/", false],
    ["http://[::1]:3000/", true],
    ["https://evil.example.com/", false],
    ["https://api.example.com.evil.net/", false],
  ];
  it.each(cases)("%s → %s", (url, want) => {
    expect(allowlist.allows(new URL(url))).toBe(want);
  });

  it("matches a host:port entry against the scheme's default port", () => {
    const list = createHostAllowlist(["secure.example.com:443"]);
    expect(list.allows(new URL("https://secure.example.com/"))).toBe(true);
    expect(list.allows(new URL("http://secure.example.com/"))).toBe(false);
  });
});
