import { getPath } from "../json/path.js";

type Part = { literal: string } | { field: string };

export type FilledPath = { ok: true; path: string } | { ok: false; reason: string };

export interface PathTemplate {
  readonly hasPlaceholders: boolean;
  fill(record: unknown): FilledPath;
}

/** `/clients/{client.id}/notes`: placeholders are filled from the record, URL-encoded. */
export function compilePathTemplate(template: string): PathTemplate {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^{}]+)\}/g)) {
    parts.push({ literal: template.slice(last, match.index) });
    parts.push({ field: match[1]!.trim() });
    last = match.index + match[0].length;
  }
  parts.push({ literal: template.slice(last) });
  return {
    hasPlaceholders: parts.some((part) => "field" in part),
    fill(record) {
      let path = "";
      for (const part of parts) {
        if ("literal" in part) {
          path += part.literal;
          continue;
        }
        const value = getPath(record, part.field);
        if (value === undefined || value === null) {
          return { ok: false, reason: `path placeholder {${part.field}} has no value in the record` };
        }
        if (typeof value === "object") {
          return { ok: false, reason: `path placeholder {${part.field}} is not a scalar in the record` };
        }
        path += encodeURIComponent(String(value));
      }
      return { ok: true, path };
    },
  };
}
