/**
 * Thrown by library functions inside cel-js; compileExpression wraps it, with the CEL location,
 * into a CannectorsError. Values are quoted through `quote` so one bad record cannot flood a log line.
 */
export class LibraryError extends Error {
  constructor(functionName: string, message: string) {
    super(`${functionName}: ${message}`);
    this.name = "LibraryError";
  }
}

const MAX_QUOTED = 40;

export function quote(value: unknown): string {
  const text =
    typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}` : String(value);
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

export function capString(functionName: string, text: string, max: number): string {
  if (text.length > max) throw new LibraryError(functionName, `result longer than ${max} characters`);
  return text;
}
