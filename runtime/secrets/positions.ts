import type { SecretRef } from "./types.js";

/**
 * Which references are secrets. `${secret:NAME}` always is. `${env:NAME}` is configuration (resolved,
 * checked, shown as is) only where a credential cannot sit:
 *
 * - `baseUrl` and `auth.tokenUrl`: scheme, host, port and path (a reference in the query, the
 *   fragment or the user-info of the URL is a secret, as `?key=${env:KEY}` has always been);
 * - `path` and `pathParams` values;
 * - `headers` and `query` values whose name is not a credential's (see CREDENTIAL_NAME).
 *
 * A variable whose own name is a credential's (`API_KEY`, `GH_TOKEN`, `WEBHOOK_SECRET`, but not one
 * that names a place: `TOKEN_URL`, `AUTH_HOST`) is a secret wherever it sits: an artifact written when every reference was masked keeps its credentials masked.
 * Everywhere else, and in particular in every `auth` block and webhook `verify` block, `${env:NAME}`
 * keeps the meaning it had before `${secret:}` existed: a secret, masked everywhere. A variable that
 * is a secret in one position is masked in every other position too (the redactor masks values).
 */
export function isSecretRef(ref: Pick<SecretRef, "path" | "source" | "index" | "name">, text: string): boolean {
  if (ref.source === "secret" || isCredentialVariable(ref.name)) return true;
  const path = leafPath(ref.path);
  const [module, field, key] = path;
  if (module !== "input" && module !== "output") return true;
  if (field === "baseUrl") return secretPartOfUrl(text, ref.index);
  if (field === "auth") return !(key === "tokenUrl" && path.length === 3 && !secretPartOfUrl(text, ref.index));
  if (field === "path" || field === "pathParams") return false;
  if ((field === "headers" || field === "query") && typeof key === "string" && path.length === 3) {
    return CREDENTIAL_NAME.test(key);
  }
  return true;
}

/**
 * An output nested in routes, fanout or fallback (`output.routes[0].output.baseUrl`) reads as the
 * output it is (`output.baseUrl`): its positions mean what they mean at the top.
 */
function leafPath(path: SecretRef["path"]): SecretRef["path"] {
  if (path[0] !== "output") return path;
  let rest = path.slice(1);
  for (;;) {
    if ((rest[0] === "routes" || rest[0] === "outputs") && typeof rest[1] === "number" && rest[2] === "output")
      rest = rest.slice(3);
    else if (rest[0] === "primary" || rest[0] === "fallback" || rest[0] === "default") rest = rest.slice(1);
    else return ["output", ...rest];
  }
}

/**
 * Header, query and variable names that carry credentials: `Authorization`, `Cookie`, `X-API-Key`, `api_key`,
 * `access_token`, `client_secret`, `password`, `X-Signature`, `session`...
 */
export const CREDENTIAL_NAME = /auth|cookie|key|token|secret|pass|pwd|sig|session|credential|bearer/i;

/** `API_KEY`, `GH_TOKEN`: yes; `TOKEN_URL`, `AUTH_HOST`, `KEYCLOAK_PATH`: no, they name a place. */
function isCredentialVariable(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !/_(URL|URI|HOST|PORT|PATH|ENDPOINT)$/i.test(name);
}

/** A reference at `index` of a URL sits in its query, fragment or user-info part. */
function secretPartOfUrl(url: string, index: number): boolean {
  const before = url.slice(0, index);
  if (/[?#]/.test(before)) return true;
  const authorityStart = before.indexOf("//");
  const afterScheme = authorityStart === -1 ? url : url.slice(authorityStart + 2);
  const authorityEnd = afterScheme.search(/[/?#]/);
  const authority = authorityEnd === -1 ? afterScheme : afterScheme.slice(0, authorityEnd);
  const at = authority.lastIndexOf("@");
  if (at === -1) return false;
  const offsetInAuthority = index - (authorityStart === -1 ? 0 : authorityStart + 2);
  return offsetInAuthority >= 0 && offsetInAuthority < at;
}
