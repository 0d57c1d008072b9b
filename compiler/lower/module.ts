import { resolve } from "node:path";
import ts from "typescript";
import { TypeOracle } from "./type-oracle.js";

/** The original TypeScript file a lambda was written in. */
export interface LoweringSource {
  file: string;
  text: string;
}

export interface ParsedModule {
  readonly file: string;
  readonly sourceFile: ts.SourceFile;
  readonly oracle: TypeOracle;
}

/** One parse (and at most one type-checking program) per file text, however many lambdas it holds. */
const modules = new Map<string, ParsedModule>();
const MAX_CACHED = 64;

/** `realPath` is where the file is on disk (imports resolve from there); `source.file` is what diagnostics show. */
export function parseModule(source: LoweringSource, realPath: string = source.file): ParsedModule {
  const fileName = resolve(realPath);
  const key = `${source.file}\0${fileName}\0${source.text}`;
  const cached = modules.get(key);
  if (cached) return cached;
  const sourceFile = ts.createSourceFile(fileName, source.text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const parsed: ParsedModule = { file: source.file, sourceFile, oracle: new TypeOracle(sourceFile) };
  if (modules.size >= MAX_CACHED) modules.delete(modules.keys().next().value!);
  modules.set(key, parsed);
  return parsed;
}

export type FunctionNode = ts.ArrowFunction | ts.FunctionExpression;

/**
 * The function literal at a span. Spans come from the build loader's transform; whether they start
 * at the node's first token or at its leading trivia, the end is the node's end.
 */
export function functionAt(sourceFile: ts.SourceFile, start: number, end: number): FunctionNode | undefined {
  let found: FunctionNode | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.pos > start || node.end < end) return;
    if (
      (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
      node.end === end &&
      node.getStart(sourceFile) >= start
    ) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}
