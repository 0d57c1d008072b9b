import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/index.js";
import type { LoadedArtifact } from "../validate/index.js";
import { diffArtifacts, loadArtifacts } from "./registry.js";

const artifact = (name: string, extra = "") => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${name}
input:
  type: http
  baseUrl: http://127.0.0.1:1
  path: /items${extra}
output:
  type: http
  baseUrl: http://127.0.0.1:2
  path: /sink
`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-registry-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("loadArtifacts", () => {
  it("loads the valid artifacts of a folder and sets the invalid ones aside, located", async () => {
    const dir = folder({
      "a.yaml": artifact("alpha"),
      "b.yml": artifact("beta", "\n  schedule: not a cron"),
      "c.yaml": artifact("alpha"),
      "notes.txt": "ignored",
    });
    const { artifacts, invalid } = await loadArtifacts([dir], {});
    expect([...artifacts.keys()]).toEqual(["alpha"]);
    expect(invalid.map((i) => path.basename(i.file))).toEqual(["b.yml", "c.yaml"]);
    const [badCron, duplicate] = invalid.map((i) => formatDiagnostic(i.diagnostics[0]!));
    expect(badCron).toMatch(/b\.yml:9:\d+ input\.schedule CANNECTORS_E_CRON/);
    expect(duplicate).toMatch(/c\.yaml:4:\d+ metadata\.name CANNECTORS_E_CONFIG_INVALID .*already defined/);
  });

  it("takes files as well as folders, and reports a missing one", async () => {
    const dir = folder({ "one.yaml": artifact("one") });
    const { artifacts, invalid } = await loadArtifacts([path.join(dir, "one.yaml"), path.join(dir, "gone.yaml")], {});
    expect([...artifacts.keys()]).toEqual(["one"]);
    expect(invalid[0]?.diagnostics[0]?.code).toBe("CANNECTORS_E_NOT_FOUND");
  });

  it("treats an unresolved secret as invalid", async () => {
    const dir = folder({
      "s.yaml": artifact("secretive").replace("path: /sink", 'path: /sink\n  headers: { X-Key: "${env:NOPE_KEY}" }'),
    });
    const { artifacts, invalid } = await loadArtifacts([dir], {});
    expect(artifacts.size).toBe(0);
    expect(invalid).toHaveLength(1);
  });
});

describe("diffArtifacts", () => {
  const loaded = (name: string, hash: string) =>
    ({ hash, connector: { metadata: { name } } }) as unknown as LoadedArtifact;
  const map = (...items: LoadedArtifact[]) => new Map(items.map((a) => [a.connector.metadata.name, a]));

  it.each([
    { name: "nothing changed", before: [["a", "1"]], after: [["a", "1"]], expected: [[], [], [], ["a"]] },
    { name: "content changed", before: [["a", "1"]], after: [["a", "2"]], expected: [[], ["a"], [], []] },
    { name: "added and removed", before: [["a", "1"]], after: [["b", "1"]], expected: [["b"], [], ["a"], []] },
  ])("$name", ({ before, after, expected }) => {
    const changes = diffArtifacts(
      map(...before.map(([n, h]) => loaded(n!, h!))),
      map(...after.map(([n, h]) => loaded(n!, h!))),
    );
    const names = (list: LoadedArtifact[]) => list.map((a) => a.connector.metadata.name);
    expect([names(changes.added), names(changes.changed), changes.removed, changes.unchanged]).toEqual(expected);
  });
});
