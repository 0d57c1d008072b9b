import { describe, expect, it } from "vitest";
import { formatPath, type PathSegment } from "../../runtime/diagnostics/index.js";
import { literalLocator, parsePath } from "./literal-location.js";

const SOURCE = `const a = api({ baseUrl: "http://127.0.0.1:1" });
export default connector({ name: "x", version: "1.0.0" })
  .from(a.get("/items", { records: "items", schedule: "61 * * * *", limit: 100 }))
  .to(a.post("/items", { retries: 100 }))
  .map((r) => ({ id: \`\${r.id}\` }));
`;
const ARTIFACT = {
  metadata: { name: "x", version: "1.0.0" },
  input: { path: "/items", records: "items", schedule: "61 * * * *", limit: 100 },
  output: { path: "/items", retries: 100 },
  filters: [{ fields: [{ expr: "string(record.id)" }] }],
};
const locate = literalLocator(SOURCE, "/abs/c.ts", "c.ts", ARTIFACT);
const at = (path: string) => locate(parsePath(path));
/** Where `needle` starts on 1-based `line` of the source. */
const where = (line: number, needle: string) => ({
  file: "c.ts",
  line,
  column: (SOURCE.split("\n")[line - 1] ?? "").indexOf(needle) + 1,
});

describe("literal locations of artifact paths in a TypeScript connector", () => {
  it("points at the one literal holding the value", () => {
    expect(at("input.schedule")).toEqual(where(3, '"61 * * * *"'));
    expect(at("metadata.version")).toEqual(where(2, '"1.0.0"'));
  });

  it("tells repeated values apart by the property they are assigned to", () => {
    expect(at("input.limit")).toEqual(where(3, "100 }"));
    expect(at("output.retries")).toEqual(where(4, "100 }"));
  });

  it("gives up (the caller keeps the export) when no single literal holds the value", () => {
    expect(at("input.path")).toBeUndefined(); // "/items" twice, neither under a `path:` property
    expect(at("filters[0].fields[0].expr")).toBeUndefined(); // lowered from a lambda, no literal
    expect(at("input.missing")).toBeUndefined();
    expect(at("")).toBeUndefined();
  });

  it("parses every path formatPath prints", () => {
    const paths: PathSegment[][] = [
      ["input", "schedule"],
      ["filters", 0, "fields", 12, "expr"],
      ["headers", "X.Key"],
    ];
    for (const segments of paths) expect(parsePath(formatPath(segments))).toEqual(segments);
  });
});
