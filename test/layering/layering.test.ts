import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type IViolation } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import { LAYERING_RULES } from "./rules.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE_FOLDERS = ["dsl", "compiler", "runtime", "cli", "generators", "examples", "bench"];

async function violations(root: string, folders: string[]): Promise<IViolation[]> {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(
      folders,
      {
        validate: true,
        ruleSet: { forbidden: LAYERING_RULES },
        exclude: { path: "(^|/)(node_modules|dist)/" },
        doNotFollow: { path: "node_modules" },
        tsPreCompilationDeps: true,
        moduleSystems: ["es6"],
      },
      { extensions: [".ts", ".js"], extensionAlias: { ".js": [".ts", ".js"] } },
    );
    if (typeof result.output === "string") throw new Error(result.output);
    return result.output.summary.violations;
  } finally {
    process.chdir(previous);
  }
}

const show = (found: IViolation[]) => found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe("layering", () => {
  it("the source tree breaks no import rule", async () => {
    expect(show(await violations(ROOT, SOURCE_FOLDERS))).toEqual([]);
  }, 120_000);

  it.each([
    ["runtime/engine/x.ts", "../../dsl/ir.js", "runtime-imports-no-authoring"],
    ["runtime/engine/y.ts", "../modules/input-http/dsl.js", "runtime-imports-no-module-authoring"],
    ["runtime/modules/input-http/run.ts", "../../engine/pump.js", "modules-use-engine-contracts-only"],
    ["dsl/connector.ts", "../compiler/lower/index.js", "dsl-imports-no-compiler"],
    ["compiler/lower/index.ts", "../../cli/main.js", "compiler-imports-no-cli"],
    ["runtime/output/http.ts", "./test-support.js", "shipped-code-imports-no-tests"],
    ["runtime/auth/cache.ts", "../artifact/index.js", "catalogue-reaches-no-connector-schema"],
  ])("%s importing %s breaks %s", async (file, specifier, rule) => {
    const root = mkdtempSync(join(tmpdir(), "layering-"));
    const target = join(dirname(join(root, file)), specifier).replace(/\.js$/, ".ts");
    for (const path of [join(root, file), target]) mkdirSync(dirname(path), { recursive: true });
    writeFileSync(target, "export const value = 1;\n");
    writeFileSync(join(root, file), `import { value } from "${specifier}";\nexport const used = value;\n`);
    const found = await violations(root, [file.split("/")[0] as string]);
    expect(found.map((v) => v.rule.name)).toContain(rule);
  });
});
