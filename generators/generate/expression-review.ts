import type { FieldRecord } from "../suggest/index.js";

/**
 * What a conversion the generator cannot write safely still needs, said in the generated file.
 * The text lands in the field's review comment, so it stays on one line and never closes a marker.
 */
export function reviewNote(conversion: string, needed: string, target: FieldRecord): string {
  const said = target.description ? `; target says "${oneLine(target.description)}"` : "";
  const format = target.format ? `; target format ${oneLine(target.format)}` : "";
  return `review: ${conversion} conversion needed (${needed}${format}${said})`;
}

const SAID_MAX = 60;

function oneLine(text: string): string {
  const flat = text.replace(/[[\]]/g, "").replace(/\*\//g, "").replace(/\s+/g, " ").trim();
  return flat.length > SAID_MAX ? `${flat.slice(0, SAID_MAX - 1)}…` : flat;
}
