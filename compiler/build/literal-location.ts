/**
 * Where a problem found in a lowered artifact stands in the TypeScript that produced it: the
 * string or number literal the artifact's value came from (`schedule: "61 * * * *"`), so an
 * editor jumps to the text to fix rather than to the connector's export.
 */
import ts from "typescript";
import type { PathSegment, SourceLocation } from "../../runtime/diagnostics/index.js";

/** `filters[0].fields[1].expr` or `headers["X-Key"]` → its segments: the inverse of `formatPath`. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

function valueAt(artifact: unknown, segments: readonly PathSegment[]): unknown {
  let value = artifact;
  for (const segment of segments) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

function literalValue(node: ts.Node): string | number | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  return undefined;
}

function propertyName(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (!parent || !ts.isPropertyAssignment(parent) || parent.initializer !== node) return undefined;
  const name = parent.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

export type LocateLiteral = (segments: readonly PathSegment[]) => SourceLocation | undefined;

/**
 * A locator over one source file and the artifact lowered from it: the literal holding the value
 * at a path, when exactly one literal in the file has that value (or exactly one of them is
 * assigned to a property named as the path's last key); otherwise undefined, and the caller
 * keeps its own location. Values built at run time (templates, computed strings) have no literal.
 */
export function literalLocator(text: string, file: string, displayFile: string, artifact: unknown): LocateLiteral {
  let literals: ts.Node[] | undefined;
  let source: ts.SourceFile | undefined;
  const all = (): ts.Node[] => {
    if (literals) return literals;
    source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const found: ts.Node[] = [];
    const visit = (node: ts.Node): void => {
      if (literalValue(node) !== undefined) found.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);
    literals = found;
    return found;
  };
  return (segments) => {
    const value = valueAt(artifact, segments);
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    let matches = all().filter((node) => literalValue(node) === value);
    const key = [...segments].reverse().find((s): s is string => typeof s === "string");
    if (matches.length > 1) matches = matches.filter((node) => propertyName(node) === key);
    const only = matches.length === 1 ? matches[0] : undefined;
    if (!only || !source) return undefined;
    const { line, character } = source.getLineAndCharacterOfPosition(only.getStart(source));
    return { file: displayFile, line: line + 1, column: character + 1 };
  };
}
