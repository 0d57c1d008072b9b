import ts from "typescript";
import type { SourceLocation } from "../../runtime/diagnostics/index.js";

/** Line and column (1-based) of the statement exporting `exportName`; the file's start when not found. */
export function exportLocation(text: string, file: string, displayFile: string, exportName: string): SourceLocation {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const at = (node: ts.Node): SourceLocation => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { file: displayFile, line: line + 1, column: character + 1 };
  };
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement) && exportName === "default") return at(statement);
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const element = statement.exportClause.elements.find((e) => e.name.text === exportName);
      if (element) return at(element);
    }
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === exportName) return at(declaration);
      }
    }
  }
  return { file: displayFile, line: 1, column: 1 };
}

/** `file:///x/c.ts:12:5` in a stack trace (source maps on) → the location in the TS file. */
export function locationInStack(stack: string | undefined, file: string, displayFile: string): SourceLocation {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(?:file://)?${escaped}:(\\d+):(\\d+)`).exec(stack ?? "");
  return { file: displayFile, line: match ? Number(match[1]) : 1, column: match ? Number(match[2]) : 1 };
}
