/**
 * `cannectors check`'s first half: the TypeScript compiler over the connector files, with the
 * project's tsconfig.json when one is found, else strict defaults that still find `cannectors`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { packageRoot } from "../emit/index.js";

function dslTypesEntry(): string {
  const root = packageRoot();
  const built = path.join(root, "dist/dsl/index.d.ts");
  return existsSync(built) ? built : path.join(root, "dsl/index.ts");
}

function strictDefaults(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    // The build loader runs every .ts file as an ES module, with or without a package.json beside it.
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    // A file outside any project still means this package when it imports "cannectors".
    paths: { cannectors: [dslTypesEntry()] },
  };
}

/** The tsconfig.json of the project the files live in (not the working directory's), else strict defaults. */
function compilerOptions(firstFile: string): ts.CompilerOptions {
  const configFile = ts.findConfigFile(path.dirname(firstFile), ts.sys.fileExists);
  if (!configFile) return strictDefaults();
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, path.dirname(configFile));
  // Nothing is emitted, so where output would go must not constrain which files may be checked.
  const { rootDir: _rootDir, outDir: _outDir, composite: _composite, ...options } = parsed.options;
  return options;
}

function toDiagnostic(d: ts.Diagnostic, cwd: string): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
  const severity = d.category === ts.DiagnosticCategory.Error ? "error" : "warning";
  const base = { code: `TS${d.code}`, severity, message, path: "" } as const;
  if (!d.file || d.start === undefined) return base;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const file = path.relative(cwd, d.file.fileName).split(path.sep).join("/");
  return { ...base, location: { file, line: line + 1, column: character + 1 } };
}

/** Type errors of the files and of whatever they import; suggestions and messages are left out. */
export function typeCheck(files: readonly string[], cwd: string = process.cwd()): Diagnostic[] {
  const absolute = files.map((file) => path.resolve(cwd, file));
  if (absolute.length === 0) return [];
  const options = { ...compilerOptions(absolute[0] ?? cwd), noEmit: true, incremental: false };
  const program = ts.createProgram({ rootNames: absolute, options });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error || d.category === ts.DiagnosticCategory.Warning)
    .map((d) => toDiagnostic(d, cwd));
}
