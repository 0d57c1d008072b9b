import { describe, expect, it } from "vitest";
import { resolveSecrets } from "./index.js";

describe("resolveSecrets", () => {
  it("returns a deep copy with references replaced and the values used", () => {
    const artifact = {
      auth: { token: "${env:TOKEN}" },
      headers: { "X-Both": "${env:USER}:${env:TOKEN}" },
      numbers: [1, true, null],
    };
    const result = resolveSecrets(artifact, { TOKEN: "tok-123456", USER: "alice" });
    expect(result.value).toEqual({
      auth: { token: "tok-123456" },
      headers: { "X-Both": "alice:tok-123456" },
      numbers: [1, true, null],
    });
    expect(result.secrets.sort()).toEqual(["alice", "tok-123456"]);
    expect(result.missing).toEqual([]);
    expect(artifact.auth.token).toBe("${env:TOKEN}");
  });

  it("reports every missing or empty variable with its path and leaves the reference in place", () => {
    const result = resolveSecrets(
      { a: "${env:UNSET}", b: { c: "x-${env:EMPTY}-${env:SET}" } },
      { EMPTY: "", SET: "value-1" },
    );
    expect(result.missing).toMatchObject([
      { path: ["a"], name: "UNSET", raw: "${env:UNSET}" },
      { path: ["b", "c"], name: "EMPTY", raw: "${env:EMPTY}" },
    ]);
    expect(result.value).toEqual({ a: "${env:UNSET}", b: { c: "x-${env:EMPTY}-value-1" } });
    expect(result.secrets).toEqual(["value-1"]);
  });

  it("does not read inherited properties of the env object", () => {
    const result = resolveSecrets({ a: "${env:toString}" }, {});
    expect(result.missing).toHaveLength(1);
  });

  it("does not re-expand a value that itself looks like a reference", () => {
    const result = resolveSecrets({ a: "${env:A}" }, { A: "${env:B}", B: "secret-b" });
    expect(result.value).toEqual({ a: "${env:B}" });
  });
});
