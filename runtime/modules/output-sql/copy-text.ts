import { bindValue } from "../../sql/values.js";
import { COPY_CHUNK, type CopyBuffers } from "./copy-buffers.js";

/** A row as COPY reads it: `fields[columns[i]]` is its i-th field (undefined is NULL). */
export interface CopyRow {
  readonly columns: readonly string[];
  readonly fields: Readonly<Record<string, unknown>>;
}

const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const BACKSLASH = 0x5c;
const SPECIAL = /[\\\n\r\t]/g;
const escaped = (c: string) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t");

/**
 * The rows in COPY's text format (tab-separated, `\N` for NULL, backslash escapes), as UTF-8
 * bytes in chunks of about 256 KB. Each field's characters are escaped and encoded in one pass
 * straight into the chunk: building the text as a string first cost a concatenation per field,
 * then flattening that rope and encoding it again when the chunk was written (about a fifth more
 * instructions per row, and a string as large as the chunk per batch). A field with a character
 * beyond ASCII is escaped as text and encoded by Buffer, which writes the same UTF-8. Fields are
 * read from the record as they are written (no array of bound values per row first); what is not
 * text, a number, a boolean or null is bound as a statement would bind it (exact numbers as their
 * digits, objects and arrays as JSON). The chunks are written into `buffers`' buffers when given.
 */
export function copyChunks(rows: readonly CopyRow[], buffers?: CopyBuffers): Buffer[] {
  const take = (bytes: number) => buffers?.take(bytes) ?? Buffer.allocUnsafe(Math.max(COPY_CHUNK, bytes));
  const chunks: Buffer[] = [];
  let chunk = take(COPY_CHUNK);
  let at = 0;
  for (const { columns, fields } of rows) {
    const last = columns.length - 1;
    for (let i = 0; i <= last; i++) {
      const field = fields[columns[i]!];
      const value =
        typeof field === "string" || field === null || field === undefined ? field : bindValue("postgres", field);
      const text =
        typeof value === "string"
          ? value
          : value === null || value === undefined
            ? "\\N"
            : typeof value === "number"
              ? String(value)
              : value
                ? "t"
                : "f";
      // The most a field takes: 3 bytes a UTF-16 unit (escapes take 2 a character), then its separator.
      const room = 3 * text.length + 1;
      if (at + room > chunk.length) {
        if (at > 0) chunks.push(chunk.subarray(0, at));
        chunk = take(room);
        at = 0;
      }
      if (value === null || value === undefined) {
        chunk[at++] = BACKSLASH;
        chunk[at++] = 0x4e; // N
      } else at = writeField(chunk, at, text);
      chunk[at++] = i === last ? NEWLINE : TAB;
    }
  }
  if (at > 0) chunks.push(chunk.subarray(0, at));
  return chunks;
}

/** `text` escaped into `chunk` from `at`; returns where it ends. */
function writeField(chunk: Buffer, at: number, text: string): number {
  const start = at;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return start + chunk.write(text.replace(SPECIAL, escaped), start, "utf8");
    if (code === BACKSLASH) {
      chunk[at++] = BACKSLASH;
      chunk[at++] = BACKSLASH;
    } else if (code === TAB || code === NEWLINE || code === RETURN) {
      chunk[at++] = BACKSLASH;
      chunk[at++] = code === TAB ? 0x74 : code === NEWLINE ? 0x6e : 0x72;
    } else chunk[at++] = code;
  }
  return at;
}
