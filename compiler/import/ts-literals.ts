/** TypeScript source text for plain data: literals, property keys, paths, secret strings. */
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { CREDENTIAL_NAME } from "../../runtime/secrets/positions.js";

type Position = "secret" | "config";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const REF = /\$\{(env|secret):([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** A value as a TS literal on one line; keys in their given order (the emitter re-orders the YAML anyway). */
export function literal(value: unknown): string {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object") {
    // Any JSON object (a body, a constant): its keys are the user's.
    const entries = Object.entries(value as { [key: string]: unknown }).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${literal(v)}`).join(", ")} }`;
  }
  throw new CannectorsError(ErrorCodes.CONFIG_INVALID, `cannot write ${typeof value} as a TypeScript literal`);
}

/** `a.b[0].c` read from `param`: `r.a.b[0].c`, with `["odd key"]` for segments that are not identifiers. */
export function pathAccess(param: string, fieldPath: string): string {
  let out = param;
  for (const segment of fieldPath.split(".")) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
    const name = match?.[1] ?? segment;
    out += IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
    out += match?.[2] ?? "";
  }
  return out;
}

/**
 * A string that may hold references: `secret("X")` / `env("X")`, a `text` template, or a literal.
 * `${env:X}` in a secret position (an auth field, a credential header) is a secret and reads
 * `secret("X")`, which lowers back to `${env:X}` there; elsewhere it is `env("X")`.
 */
export function secretString(value: string, use: (name: string) => void, position: Position = "secret"): string {
  const refs = [...value.matchAll(REF)];
  if (refs.length === 0) return JSON.stringify(value);
  const helper = (ref: RegExpMatchArray) => (ref[1] === "env" && position === "config" ? "env" : "secret");
  const call = (ref: RegExpMatchArray) => `${helper(ref)}(${JSON.stringify(ref[2])})`;
  for (const ref of refs) use(helper(ref));
  const only = refs[0];
  if (refs.length === 1 && only && only[0] === value) return call(only);
  use("text");
  const escapeTemplate = (part: string) => part.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
  let out = "";
  let last = 0;
  for (const ref of refs) {
    out += `${escapeTemplate(value.slice(last, ref.index))}\${${call(ref)}}`;
    last = (ref.index ?? 0) + ref[0].length;
  }
  return `text\`${out}${escapeTemplate(value.slice(last))}\``;
}

/** Headers or query values: a credential's name (`Authorization`, `api_key`) makes its value a secret position. */
export function secretRecord(
  record: Readonly<Record<string, string | number | boolean>>,
  use: (name: string) => void,
  positionOf: (key: string) => Position = (key) => (CREDENTIAL_NAME.test(key) ? "secret" : "config"),
): string {
  const entries = Object.entries(record).map(
    ([k, v]) => `${propertyKey(k)}: ${typeof v === "string" ? secretString(v, use, positionOf(k)) : literal(v)}`,
  );
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}
