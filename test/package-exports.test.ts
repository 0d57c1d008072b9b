import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/cli.js";

/** Imports a specifier the way a user's project would: through package.json#exports, from dist/. */
function exportedNames(specifier: string): string[] {
  const script = `import(${JSON.stringify(specifier)}).then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`;
  return JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" }),
  );
}

describe("package.json#exports", () => {
  it("cannectors/runtime exposes validation and execution", () => {
    expect(exportedNames("cannectors/runtime")).toEqual(
      expect.arrayContaining([
        "runConnector",
        "validateArtifact",
        "validateArtifactFile",
        "openStateStore",
        "connectorJsonSchema",
        "CannectorsError",
      ]),
    );
  });

  it("cannectors/testing exposes the conformance suite", () => {
    expect(exportedNames("cannectors/testing")).toEqual(["conformance"]);
  });

  it("deep imports are closed", () => {
    expect(() => exportedNames("cannectors/dist/runtime/engine/run.js")).toThrow(
      /ERR_PACKAGE_PATH_NOT_EXPORTED|not exported/,
    );
  });
});
