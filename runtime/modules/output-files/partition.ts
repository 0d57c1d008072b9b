import { getPath, type JsonRecord } from "../../json/path.js";
import { isExactNumber } from "../../json/stringify.js";

/** How a placeholder's value is written: as is, or the UTC date parts of a timestamp. */
const FORMATS = ["date", "month", "hour"] as const;
type Format = (typeof FORMATS)[number];

type Part = { text: string } | { field: string; format: Format | undefined };

/** A compiled partition template: the record's folder, or why the record has none. */
export type PartitionOf = (record: JsonRecord) => { ok: true; folder: string } | { ok: false; reason: string };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * The problems of a template, for validation (exit 2): it must stay inside the location, so no
 * absolute path, no `.` or `..` segment, no backslash, no empty segment, no unknown format.
 */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const literal = template.replace(PLACEHOLDER, "x");
  if (literal.startsWith("/")) problems.push("the partition is relative to the location: no leading /");
  if (literal.includes("\\")) problems.push("no backslash in a partition");
  if (/[{}]/.test(literal)) problems.push("an unmatched { or } in the partition");
  for (const segment of template.split("/")) {
    if (segment === "" && template !== "") problems.push("an empty segment (//, or a trailing /) in the partition");
    if (segment === "." || segment === "..") problems.push(`a ${segment} segment in the partition`);
  }
  for (const [, inner = ""] of template.matchAll(PLACEHOLDER)) {
    const [field = "", format] = inner.split(":").map((s) => s.trim());
    if (field === "") problems.push("an empty {} placeholder in the partition");
    if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
      problems.push(`{${inner}}: the format is one of ${FORMATS.join(", ")}`);
    }
  }
  return [...new Set(problems)];
}

export function compilePartition(template: string | undefined): PartitionOf {
  if (template === undefined) return () => ({ ok: true, folder: "" });
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    const [field = "", format] = (match[1] ?? "").split(":").map((s) => s.trim());
    parts.push({ field, format: format as Format | undefined });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return (record) => {
    let folder = "";
    for (const part of parts) {
      if ("text" in part) {
        folder += part.text;
        continue;
      }
      const value = segmentOf(getPath(record, part.field), part.format);
      if (!value.ok) return { ok: false, reason: `partition {${part.field}}: ${value.reason}` };
      folder += value.text;
    }
    // A placeholder's value cannot hold a / (segmentOf refuses it), so each literal segment check holds.
    return { ok: true, folder };
  };
}

type Segment = { ok: true; text: string } | { ok: false; reason: string };

/** One path segment from a value: text, a number or a boolean; never a separator, `.` or `..`. */
function segmentOf(value: unknown, format: Format | undefined): Segment {
  if (value === undefined || value === null) return { ok: false, reason: "the record has no value" };
  if (format !== undefined) return timePart(value, format);
  const text =
    typeof value === "string" || typeof value === "number" || typeof value === "boolean" || isExactNumber(value)
      ? String(value)
      : undefined;
  if (text === undefined) return { ok: false, reason: "an object or a list is not a path segment" };
  if (text === "" || text === "." || text === "..")
    return { ok: false, reason: `${JSON.stringify(text)} is not a path segment` };
  // Separators, NUL and control characters would leave the segment or break a file name.
  if (/[/\\]/.test(text) || [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return { ok: false, reason: `${JSON.stringify(text)} holds a separator or a control character` };
  return { ok: true, text };
}

/** The UTC date parts of an ISO 8601 timestamp or of epoch seconds. */
function timePart(value: unknown, format: Format): Segment {
  const time =
    typeof value === "number"
      ? new Date(value * 1000)
      : typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)
        ? new Date(value)
        : undefined;
  if (time === undefined || Number.isNaN(time.getTime())) {
    return { ok: false, reason: `${JSON.stringify(value)} is not a timestamp (ISO 8601 or epoch seconds)` };
  }
  const iso = time.toISOString();
  const text =
    format === "date"
      ? iso.slice(0, 10)
      : format === "month"
        ? iso.slice(0, 7)
        : `${iso.slice(0, 10)}T${iso.slice(11, 13)}`;
  return { ok: true, text };
}
