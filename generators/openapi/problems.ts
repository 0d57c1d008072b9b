import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";

/** One thing wrong with a spec, located by the file it is in and a JSON pointer inside that file. */
export interface SpecProblem {
  file: string;
  pointer: string;
  message: string;
}

/** How many problems the thrown message lists; every one stays in `details.problems`. */
const SHOWN = 20;

/** Gathers problems so that one load reports several of them at once, not the first only. */
export class ProblemList {
  readonly items: SpecProblem[] = [];

  add(file: string, pointer: string, message: string): void {
    this.items.push({ file, pointer, message });
  }

  get size(): number {
    return this.items.length;
  }

  throwIfAny(source: string): void {
    if (this.items.length === 0) return;
    throw specInvalid(source, this.items);
  }
}

export function formatProblem(problem: SpecProblem): string {
  return `${problem.file}${problem.pointer}: ${problem.message}`;
}

export function specInvalid(source: string, problems: SpecProblem[]): CannectorsError {
  const lines = problems.slice(0, SHOWN).map((p) => `  ${formatProblem(p)}`);
  if (problems.length > SHOWN) lines.push(`  ... and ${problems.length - SHOWN} more`);
  const noun = problems.length === 1 ? "problem" : "problems";
  return new CannectorsError(
    ErrorCodes.SPEC_INVALID,
    `invalid OpenAPI spec ${source}: ${problems.length} ${noun}\n${lines.join("\n")}`,
    { details: { source, problems } },
  );
}
