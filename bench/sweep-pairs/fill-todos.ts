/**
 * The decisions `generate` leaves open, filled with placeholder values so the sweep can build and run
 * the connector: each `todo("field")` whose `check` diagnostic names the type it must become is
 * replaced by a value of that type (a text, a number, the first of its literals, an empty list or
 * object). What the type does not say stays a `todo()` and the connector does not build.
 */
export interface CheckDiagnostic {
  code: string;
  message: string;
  location?: { line: number; column: number };
}

/** A decision left open on purpose: a `todo()` (its TypeScript error or its lowering error). */
export function isDecision(d: CheckDiagnostic): boolean {
  return d.message.includes("Todo<") || d.message.startsWith("decide this field");
}

export function fillTodos(source: string, diagnostics: readonly CheckDiagnostic[]): { text: string; filled: number } {
  const lines = source.split("\n");
  let filled = 0;
  for (const d of diagnostics) {
    // "… is not assignable to type 'T'", or "… is missing the following properties from type 'T'".
    const match = /Todo<"([^"]*)">'.*?(?:to type|from type|of type) '(.*?)'(?::|\.|$)/.exec(
      d.message.split("   ")[0] ?? "",
    );
    const line = d.location ? d.location.line - 1 : -1;
    if (!match || line < 0 || line >= lines.length) continue;
    const value = placeholder(match[2]!.replace(/'\.$/, ""));
    if (value === undefined) continue;
    const call = `todo(${JSON.stringify(match[1])})`;
    const text = lines[line]!;
    if (!text.includes(call)) continue;
    lines[line] = text.replace(call, value);
    filled++;
  }
  return { text: lines.join("\n"), filled };
}

function placeholder(type: string): string | undefined {
  const t = type.replace(/ \| undefined| \| null/g, "").trim();
  if (t === "string") return '"placeholder"';
  if (t === "number") return "1";
  if (t === "boolean") return "false";
  const literal = /^("[^"]*"|\d+)( \|.*)?$/.exec(t);
  if (literal) return literal[1];
  if (t.endsWith("[]") || t.startsWith("Array<")) return "[]";
  if (t.startsWith("{") || t.startsWith("Record<")) return "{}";
  return undefined;
}
