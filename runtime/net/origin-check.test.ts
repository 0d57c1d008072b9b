import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors/index.js";
import { createHostAllowlist } from "./host-allowlist.js";
import { createOriginCheck, refusalError } from "./origin-check.js";

const check = createOriginCheck(createHostAllowlist(["api.example.com", "127.0.0.1:8080", "169.254.169.254"]), false);

describe("createOriginCheck", () => {
  it.each([
    { url: "https://api.example.com/a", refusal: undefined },
    { url: "https://API.example.com:444/b?x=1", refusal: undefined },
    { url: "http://127.0.0.1:8080/", refusal: undefined },
    { url: "http://127.0.0.1:8081/", refusal: "host" },
    { url: "http://127.0.0.1/", refusal: "host" },
    { url: "ftp://api.example.com/", refusal: "protocol" },
    { url: "file:///etc/passwd", refusal: "protocol" },
    { url: "http://169.254.169.254/latest/meta-data", refusal: "address" },
    { url: "http://other.example.com/", refusal: "host" },
  ])("$url → $refusal (asked twice: the cached answer is the same)", ({ url, refusal }) => {
    expect(check(new URL(url))).toBe(refusal);
    expect(check(new URL(url))).toBe(refusal);
  });

  it("allows link-local literals only when told to", () => {
    const allowing = createOriginCheck(createHostAllowlist(["169.254.169.254"]), true);
    expect(allowing(new URL("http://169.254.169.254/"))).toBeUndefined();
  });

  it("keeps deciding correctly past its cache size", () => {
    const many = createOriginCheck(createHostAllowlist(["127.0.0.1"]), false);
    for (let port = 1; port <= 600; port++) expect(many(new URL(`http://127.0.0.1:${port}/`))).toBeUndefined();
    expect(many(new URL("http://localhost:1/"))).toBe("host");
  });
});

describe("refusalError", () => {
  it.each([
    { refusal: "protocol" as const, code: ErrorCodes.HOST_NOT_ALLOWED, text: "only http and https" },
    { refusal: "host" as const, code: ErrorCodes.HOST_NOT_ALLOWED, text: "not declared by the connector" },
    { refusal: "address" as const, code: ErrorCodes.ADDRESS_BLOCKED, text: "link-local or cloud-metadata" },
  ])("$refusal → $code", ({ refusal, code, text }) => {
    const error = refusalError(refusal, new URL("http://h.example/"), "GET http://h.example/", { method: "GET" });
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
    expect(error.details).toMatchObject({ method: "GET", host: "h.example" });
  });
});
