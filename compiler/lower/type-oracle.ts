import { dirname } from "node:path";
import ts from "typescript";

export type ValueKind = "string" | "number" | "boolean" | "array" | "object" | "unknown";

/** Lib and node_modules declaration files never change during a build: parse them once per process. */
const stableFiles = new Map<string, ts.SourceFile>();

/**
 * Answers "is this a string or a number?" where the CEL differs (`+`, `.includes`, `.length`).
 * The program is built lazily, around the very SourceFile the lowering walks, so nodes match.
 */
export class TypeOracle {
  private checker: ts.TypeChecker | undefined;

  constructor(private readonly sourceFile: ts.SourceFile) {}

  kindOf(node: ts.Node): ValueKind {
    const checker = this.getChecker();
    return kindOfType(checker, checker.getTypeAtLocation(node));
  }

  private getChecker(): ts.TypeChecker {
    if (this.checker) return this.checker;
    const options = compilerOptionsFor(this.sourceFile.fileName);
    const host = ts.createCompilerHost(options, true);
    const own = this.sourceFile;
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      if (fileName === own.fileName) return own;
      const stable =
        fileName.includes("/node_modules/") || fileName.startsWith(dirname(ts.getDefaultLibFilePath(options)));
      const cached = stable ? stableFiles.get(fileName) : undefined;
      if (cached) return cached;
      const file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file && stable) stableFiles.set(fileName, file);
      return file;
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => fileName === own.fileName || fileExists(fileName);
    const program = ts.createProgram({ rootNames: [own.fileName], options, host });
    this.checker = program.getTypeChecker();
    return this.checker;
  }
}

function kindOfType(checker: ts.TypeChecker, type: ts.Type): ValueKind {
  const flags = type.getFlags();
  if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return "unknown";
  if (type.isUnion()) {
    // `string | null | undefined` is still a string where it matters; a real mix is unknown.
    const kinds = new Set(
      type.types
        .filter((t) => !(t.getFlags() & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)))
        .map((t) => kindOfType(checker, t)),
    );
    return kinds.size === 1 ? [...kinds][0]! : "unknown";
  }
  if (flags & ts.TypeFlags.StringLike) return "string";
  if (flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) return "number";
  if (flags & ts.TypeFlags.BooleanLike) return "boolean";
  if (checker.isArrayType(type) || checker.isTupleType(type)) return "array";
  if (flags & ts.TypeFlags.Object) return "object";
  return "unknown";
}

/** The nearest tsconfig.json's options, or strict NodeNext defaults for a file outside any project. */
function compilerOptionsFor(fileName: string): ts.CompilerOptions {
  const defaults: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2023.d.ts"],
  };
  const configPath = ts.findConfigFile(dirname(fileName), ts.sys.fileExists);
  if (!configPath) return defaults;
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) return defaults;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  return { ...parsed.options, noEmit: true, skipLibCheck: true };
}
