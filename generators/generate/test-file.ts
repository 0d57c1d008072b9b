/** The test written beside a generated connector: it passes once `cannectors check` does (no TODO left). */
export function connectorTestFile(name: string): string {
  return `import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const file = fileURLToPath(new URL("./${name}.ts", import.meta.url));

describe("${name}", () => {
  it("type-checks, lowers and validates (cannectors check)", () => {
    expect(() => execFileSync("npx", ["cannectors", "check", file], { stdio: "pipe" })).not.toThrow();
  });
});
`;
}
