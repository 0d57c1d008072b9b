import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, continuation lines joined and comments dropped (enough for these checks). */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(" ") };
    });
}

const all = instructions(fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8"));
const stages: Instruction[][] = [];
for (const instruction of all) {
  if (instruction.keyword === "FROM") stages.push([]);
  stages.at(-1)?.push(instruction);
}
const final = stages.at(-1)!;
const args = (keyword: string, stage = final) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

describe("Dockerfile", () => {
  it("builds in one stage from the lockfile and ships from another, on the Node major the project pins", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(args("RUN", stages[0]).join("\n")).toMatch(/npm ci\b/);
    expect(args("COPY", stages[0]).join("\n")).toMatch(/package-lock\.json/);
    const engines = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }
    ).engines.node;
    const nodeMajor = /\d+/.exec(engines)![0];
    for (const stage of stages) expect(stage[0]!.args).toMatch(new RegExp(`^node:${nodeMajor}[-.]`));
  });

  it("runs as a non-root user, with a healthcheck and the entry point script", () => {
    expect(args("USER").at(-1)).toMatch(/^(node|\d+)$/);
    expect(args("USER").at(-1)).not.toMatch(/^(root|0)$/);
    expect(args("HEALTHCHECK").join(" ")).toContain("/app/deploy/docker/healthcheck.mjs");
    expect(args("ENTRYPOINT").join(" ")).toContain("/app/deploy/docker/entrypoint.sh");
  });

  it("copies only files that exist, and the scripts it runs are executable", () => {
    const sources = args("COPY", stages[0])
      .flatMap((a) => a.split(/\s+/).slice(0, -1))
      .filter((s) => s !== ".");
    for (const source of sources) expect(fs.existsSync(path.join(ROOT, source)), source).toBe(true);
    const entrypoint = path.join(ROOT, "deploy/docker/entrypoint.sh");
    expect(fs.statSync(entrypoint).mode & 0o111).not.toBe(0);
    // The build stage copies the package's published files: each must exist in the repository.
    const copied =
      args("RUN", stages[0])
        .join(" ")
        .match(/cp -r (?:--parents )?([^&]+?) \/app\//g) ?? [];
    const files = copied.flatMap((c) =>
      c
        .replace(/^cp -r (--parents )?/, "")
        .replace(/ \/app\/$/, "")
        .split(/\s+/),
    );
    expect(files.length).toBeGreaterThan(3);
    for (const file of files.filter((f) => f !== "node_modules" && f !== "dist")) {
      expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    }
  });

  it("keeps build inputs out of the context (.dockerignore)", () => {
    const ignored = fs.readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "dist", ".git", ".cannectors"]));
  });
});
