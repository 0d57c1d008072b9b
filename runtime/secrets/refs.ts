import type { SecretRef, SecretSyntaxError } from "./types.js";
import { walkStrings } from "./walk.js";

/**
 * Every `${...}` in a string, well formed or not. A `${` without its `}` is caught separately.
 * There is no escape for a literal `${`: no field of the artifact needs one today.
 */
const REFERENCE = /\$\{([^}]*)\}/g;
const ENV_REFERENCE = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** The well-formed `${env:NAME}` references in a JSON-like value (the parsed artifact), in document order. */
export function findSecretRefs(value: unknown): SecretRef[] {
  const refs: SecretRef[] = [];
  walkStrings(value, (text, path) => {
    for (const ref of refsIn(text)) refs.push({ path, ...ref });
  });
  return refs;
}

/** Malformed references: any `${...}` that is not `${env:NAME}`, and an unterminated `${`. */
export function findSecretSyntaxErrors(value: unknown): SecretSyntaxError[] {
  const errors: SecretSyntaxError[] = [];
  walkStrings(value, (text, path) => {
    if (!text.includes("${")) return;
    for (const match of text.matchAll(REFERENCE)) {
      if (!ENV_REFERENCE.test(match[1] ?? "")) {
        errors.push({
          path,
          message: `unsupported secret reference ${JSON.stringify(match[0])}: only \${env:NAME} is supported (NAME = letters, digits, underscore)`,
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

/** The `${env:NAME}` references in one string. */
export function refsIn(text: string): { name: string; raw: string }[] {
  if (!text.includes("${")) return [];
  const refs: { name: string; raw: string }[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const name = ENV_REFERENCE.exec(match[1] ?? "")?.[1];
    if (name !== undefined) refs.push({ name, raw: match[0] });
  }
  return refs;
}

/** Replaces the `${env:NAME}` references in one string; `lookup` returning undefined leaves the reference as written. */
export function replaceRefs(text: string, lookup: (name: string) => string | undefined): string {
  if (!text.includes("${")) return text;
  return text.replace(REFERENCE, (raw: string, inner: string) => {
    const name = ENV_REFERENCE.exec(inner)?.[1];
    return name === undefined ? raw : (lookup(name) ?? raw);
  });
}
