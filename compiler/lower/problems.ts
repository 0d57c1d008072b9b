import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { ErrorCodes } from "../../runtime/errors/index.js";
import type ts from "typescript";

/** Collects every lowering problem of a lambda, so one build reports them all at once. */
export class Problems {
  readonly list: Diagnostic[] = [];

  constructor(
    private readonly file: string,
    private readonly sourceFile: ts.SourceFile,
  ) {}

  /** Records a problem located at `node`'s first character in the original file. */
  reject(node: ts.Node, path: string, message: string, hint?: string): void {
    this.list.push({
      code: ErrorCodes.LOWERING,
      severity: "error",
      message: hint === undefined ? message : `${message}; ${hint}`,
      path,
      location: this.locate(node),
    });
  }

  /** `node`'s first character in the original file, 1-based. */
  locate(node: ts.Node): { file: string; line: number; column: number } {
    const { line, character } = this.sourceFile.getLineAndCharacterOfPosition(node.getStart(this.sourceFile));
    return { file: this.file, line: line + 1, column: character + 1 };
  }

  get count(): number {
    return this.list.length;
  }
}

/** A diagnostic with no source position: the problem is in the IR, not in a lambda. */
export function irProblem(path: string, message: string): Diagnostic {
  return { code: ErrorCodes.LOWERING, severity: "error", message, path };
}
