import type { RefSource, SecretRef, SecretSyntaxError } from "./types.js";
import { walkStrings } from "./walk.js";

/**
 * Every `${...}` in a string, well formed or not. A `${` without its `}` is caught separately.
 * There is no escape for a literal `${`: no field of the artifact needs one today.
 */
const REFERENCE = /\$\{([^}]*)\}/g;
const WELL_FORMED = /^(env|secret):([A-Za-z_][A-Za-z0-9_]*)$/;

/** The well-formed `${env:NAME}` and `${secret:NAME}` references in a JSON-like value, in document order. */
export function findSecretRefs(value: unknown): SecretRef[] {
  const refs: SecretRef[] = [];
  walkStrings(value, (text, path) => {
    for (const ref of refsIn(text)) refs.push({ path, ...ref });
  });
  return refs;
}

/** Malformed references: any `${...}` that is not `${env:NAME}` or `${secret:NAME}`, and an unterminated `${`. */
export function findSecretSyntaxErrors(value: unknown): SecretSyntaxError[] {
  const errors: SecretSyntaxError[] = [];
  walkStrings(value, (text, path) => {
    if (!text.includes("${")) return;
    for (const match of text.matchAll(REFERENCE)) {
      if (!WELL_FORMED.test(match[1] ?? "")) {
        errors.push({
          path,
          message: `unsupported secret reference ${JSON.stringify(match[0])}: only \${env:NAME} and \${secret:NAME} are supported (NAME = letters, digits, underscore)`,
        });
      }
    }
    const rest = text.replace(REFERENCE, "");
    if (rest.includes("${")) {
      errors.push({ path, message: "unterminated secret reference: `${` without a closing `}`" });
    }
  });
  return errors;
}

/** The well-formed references in one string, with where each starts. */
export function refsIn(text: string): { name: string; raw: string; source: RefSource; index: number }[] {
  if (!text.includes("${")) return [];
  const refs: { name: string; raw: string; source: RefSource; index: number }[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const found = WELL_FORMED.exec(match[1] ?? "");
    if (found?.[1] !== undefined && found[2] !== undefined) {
      refs.push({ name: found[2], raw: match[0], source: found[1] as RefSource, index: match.index ?? 0 });
    }
  }
  return refs;
}

/** Replaces the references in one string; `lookup` returning undefined leaves the reference as written. */
export function replaceRefs(text: string, lookup: (name: string) => string | undefined): string {
  if (!text.includes("${")) return text;
  return text.replace(REFERENCE, (raw: string, inner: string) => {
    const name = WELL_FORMED.exec(inner)?.[2];
    return name === undefined ? raw : (lookup(name) ?? raw);
  });
}

/** True when `text` holds at least one well-formed reference. */
export function hasRef(text: string): boolean {
  return refsIn(text).length > 0;
}
