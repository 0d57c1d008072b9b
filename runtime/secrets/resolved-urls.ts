import { HTTP_URL } from "../artifact/common.js";
import { encodePathSegment } from "../net/url-template.js";
import { isSecretRef } from "./positions.js";
import { refsIn, replaceRefs } from "./refs.js";
import { lookupEnv } from "./resolve.js";

export interface ResolvedUrlProblem {
  path: (string | number)[];
  message: string;
}

/** The fields whose resolved value must still be a URL or a path. */
const URL_FIELDS: { path: string[]; kind: "url" | "path" }[] = [
  { path: ["input", "baseUrl"], kind: "url" },
  { path: ["input", "auth", "tokenUrl"], kind: "url" },
  { path: ["input", "path"], kind: "path" },
  { path: ["output", "baseUrl"], kind: "url" },
  { path: ["output", "auth", "tokenUrl"], kind: "url" },
  { path: ["output", "path"], kind: "path" },
];

/**
 * Checks the URL and path fields that hold references, once resolved from `env`: a variable set to
 * `crm.local` instead of `http://crm.local` is refused before any request, naming the variable and
 * the field. Unset variables are reported elsewhere (as unresolved). A value is quoted only when
 * every reference in the field is configuration: a secret's value never appears in a message.
 */
export function resolvedUrlProblems(document: unknown, env: Record<string, string | undefined>): ResolvedUrlProblem[] {
  const problems: ResolvedUrlProblem[] = [];
  for (const field of [...URL_FIELDS, ...filterUrlFields(document)]) {
    const text = valueAt(document, field.path);
    if (typeof text !== "string") continue;
    const refs = refsIn(text);
    if (refs.length === 0 || refs.some((ref) => lookupEnv(env, ref.name) === undefined)) continue;
    const resolved = replaceRefs(text, (name) => lookupEnv(env, name));
    const ok = field.kind === "url" ? HTTP_URL.test(resolved) : resolved.startsWith("/") && !/\s/.test(resolved);
    if (ok) continue;
    const names = refs.map((ref) => ref.name).join(", ");
    const secret = refs.some((ref) => isSecretRef({ path: field.path, ...ref }, text));
    const shown = secret ? "" : ` = ${JSON.stringify(resolved)}`;
    const want = field.kind === "url" ? "an absolute http(s) URL" : "a path starting with / and without spaces";
    problems.push({
      path: field.path,
      message: `${field.path.join(".")} ${JSON.stringify(text)}${shown} (from ${names}) is not ${want}`,
    });
  }
  problems.push(...pathParamValueProblems(document, env));
  return problems;
}

/** A filter that calls out (enrich) has a baseUrl, a path and maybe a tokenUrl of its own. */
function filterUrlFields(document: unknown): { path: string[]; kind: "url" | "path" }[] {
  const filters = valueAt(document, ["filters"]);
  if (!Array.isArray(filters)) return [];
  // Keys as text, as valueAt reads them (an array's own keys are "0", "1", ...).
  return filters.flatMap((filter, at) => {
    const index = String(at);
    if (typeof (filter as { baseUrl?: unknown } | null)?.baseUrl !== "string") return [];
    return [
      { path: ["filters", index, "baseUrl"], kind: "url" as const },
      { path: ["filters", index, "auth", "tokenUrl"], kind: "url" as const },
      { path: ["filters", index, "path"], kind: "path" as const },
    ];
  });
}

/** A path parameter from the environment must still be exactly one path segment once resolved. */
function pathParamValueProblems(document: unknown, env: Record<string, string | undefined>): ResolvedUrlProblem[] {
  const params = valueAt(document, ["input", "pathParams"]);
  if (params === null || typeof params !== "object") return [];
  const problems: ResolvedUrlProblem[] = [];
  for (const [name, text] of Object.entries(params)) {
    if (typeof text !== "string") continue;
    const refs = refsIn(text);
    if (refs.length === 0 || refs.some((ref) => lookupEnv(env, ref.name) === undefined)) continue;
    const resolved = replaceRefs(text, (ref) => lookupEnv(env, ref));
    const segment = encodePathSegment(resolved);
    if (segment.ok) continue;
    const names = refs.map((ref) => ref.name).join(", ");
    problems.push({
      path: ["input", "pathParams", name],
      message: `input.pathParams.${name} ${JSON.stringify(text)} = ${JSON.stringify(resolved)} (from ${names}) ${segment.problem.replace(/ in the record/g, "")}`,
    });
  }
  return problems;
}

function valueAt(document: unknown, path: string[]): unknown {
  let current = document;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
