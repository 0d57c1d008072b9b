/**
 * `cannectors init`: a ready project in DIR. Files already there are kept (reported as skipped);
 * package.json is merged, never replaced. Nothing touches the network.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../compiler/emit/index.js";
import { conformanceTestFile } from "../conformance/test-template.js";
import { generateTypes } from "../types/generate-types.js";
import {
  ARTIFACTS_DIR,
  connectorTest,
  GITIGNORE,
  SAMPLE_CUSTOMERS,
  TSCONFIG,
  VSCODE_SETTINGS,
  WORKFLOW,
} from "./templates.js";

export interface InitOptions {
  dir: string;
  /** package.json name when one is created (default: the folder's name). */
  name?: string;
}

export interface InitResult {
  written: string[];
  skipped: string[];
}

const EXAMPLE = "crm-to-erp";
/** What `npm init -y` puts there: replaced, since it fails on purpose. */
const NPM_INIT_TEST = /no test specified/;

type Manifest = Record<string, unknown> & {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};

function ours(): Manifest {
  return JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as Manifest;
}

function mergedManifest(file: string, name: string): Manifest {
  const self = ours();
  const manifest: Manifest = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Manifest)
    : { name, version: "0.1.0", private: true, type: "module" };
  const scripts = { ...manifest.scripts };
  if (scripts.test !== undefined && NPM_INIT_TEST.test(scripts.test)) delete scripts.test;
  manifest.scripts = {
    check: "cannectors check",
    build: `cannectors build --out ${ARTIFACTS_DIR}`,
    test: "node --test",
    "test:conformance": "vitest run connectors",
    run: `cannectors run connectors/${EXAMPLE}.ts`,
    "demo-apis": "cannectors demo-apis",
    ...scripts,
  };
  manifest.dependencies = { cannectors: `^${String(self.version)}`, ...manifest.dependencies };
  // The same range as ours: npm installs one copy, and `npx tsc` is the one `cannectors check` uses.
  manifest.devDependencies = {
    typescript: self.dependencies?.typescript ?? "~5.9",
    // The conformance tests (connectors/*.conformance.test.ts) run with vitest: the range this package tests with.
    vitest: self.devDependencies?.vitest ?? "^4.1.12",
    ...manifest.devDependencies,
  };
  // better-sqlite3 compiles or fetches its native binding at install.
  manifest.allowScripts = { "better-sqlite3": true, ...manifest.allowScripts };
  return manifest;
}

export async function initProject(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.dir);
  const root = packageRoot();
  const result: InitResult = { written: [], skipped: [] };
  const write = (relative: string, text: () => string | Promise<string>) => async () => {
    const file = path.join(dir, relative);
    if (existsSync(file)) return void result.skipped.push(relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await text());
    result.written.push(relative);
  };
  mkdirSync(dir, { recursive: true });
  const manifestFile = path.join(dir, "package.json");
  writeFileSync(
    manifestFile,
    `${JSON.stringify(mergedManifest(manifestFile, options.name ?? path.basename(dir)), null, 2)}\n`,
  );
  result.written.push("package.json");

  const steps = [
    write("tsconfig.json", () => TSCONFIG),
    write(".gitignore", () => GITIGNORE),
    write(".vscode/settings.json", () => VSCODE_SETTINGS),
    write(".github/workflows/connectors.yml", () => WORKFLOW),
  ];
  for (const api of ["crm", "erp"]) {
    const spec = `specs/${api}.openapi.yaml`;
    steps.push(async () => {
      const file = path.join(dir, spec);
      if (existsSync(file)) return void result.skipped.push(spec);
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(path.join(root, `examples/demo-apis/${api}/openapi.yaml`), file);
      result.written.push(spec);
    });
    // Types from the project's copy of the spec: their header names it, so `docs` finds it.
    steps.push(write(`types/${api}.ts`, () => generateTypes(path.join(dir, spec), path.join(dir, `types/${api}.ts`))));
  }
  steps.push(
    write(`connectors/${EXAMPLE}.ts`, () =>
      readFileSync(path.join(root, "examples/crm-to-erp/connector.ts"), "utf8").replaceAll(
        "../demo-apis/types/",
        "../types/",
      ),
    ),
    write(`test/${EXAMPLE}.test.mjs`, () => connectorTest(EXAMPLE)),
    write(`connectors/${EXAMPLE}.conformance.test.ts`, () =>
      conformanceTestFile({
        name: EXAMPLE,
        sourceSpec: "../specs/crm.openapi.yaml",
        targetSpec: "../specs/erp.openapi.yaml",
        paginated: true,
      }),
    ),
    write("test/customers.ndjson", () => SAMPLE_CUSTOMERS),
  );
  for (const step of steps) await step();
  return result;
}
