import type { LoadedSpec, Operation, SecurityScheme } from "../openapi/index.js";
import type { AuthPlan, CredentialPlan } from "../scaffold/index.js";
import { configName, secretPrefix } from "./secret-names.js";

/**
 * A connector holds its credential in secrets: one token or key is simplest to provision and rotate,
 * client credentials next, then an authorization code (a person logs in once with `cannectors auth
 * login`), a username and password last. Equal ranks keep the spec's order.
 */
function preference(scheme: SecurityScheme): number {
  if (scheme.type === "apiKey" || (scheme.type === "http" && scheme.scheme === "bearer")) return 0;
  if (scheme.type === "oauth2" && scheme.clientCredentials) return 1;
  if (scheme.type === "oauth2" && scheme.authorizationCode) return 2;
  return 3;
}

/**
 * Scopes to ask a person to grant: every scope when the spec declares a few; none when it declares
 * many (Google's hundreds), where asking for all would be wrong and the developer must choose.
 */
const MAX_DEFAULT_SCOPES = 8;

function authOf(scheme: SecurityScheme, prefix: string, secretOf: (s: SecurityScheme) => string): AuthPlan | undefined {
  if (scheme.type === "apiKey" && scheme.in !== "cookie")
    return { kind: "apiKey", in: scheme.in, name: scheme.name, secret: secretOf(scheme) };
  if (scheme.type === "http" && scheme.scheme === "bearer") return { kind: "bearer", secret: `${prefix}_TOKEN` };
  if (scheme.type === "http" && scheme.scheme === "basic")
    return { kind: "basic", usernameSecret: `${prefix}_USERNAME`, passwordSecret: `${prefix}_PASSWORD` };
  if (scheme.type === "oauth2" && scheme.clientCredentials) {
    const scopes = Object.keys(scheme.clientCredentials.scopes);
    return {
      kind: "oauth2ClientCredentials",
      tokenUrl: scheme.clientCredentials.tokenUrl,
      clientIdSecret: `${prefix}_CLIENT_ID`,
      clientSecretSecret: `${prefix}_CLIENT_SECRET`,
      ...(scopes.length > 0 ? { scopes } : {}),
    };
  }
  if (scheme.type === "oauth2" && scheme.authorizationCode) {
    const scopes = Object.keys(scheme.authorizationCode.scopes);
    return {
      kind: "oauth2AuthorizationCode",
      authorizationUrl: scheme.authorizationCode.authorizationUrl,
      tokenUrl: scheme.authorizationCode.tokenUrl,
      clientIdSecret: `${prefix}_CLIENT_ID`,
      clientSecretSecret: `${prefix}_CLIENT_SECRET`,
      ...(scopes.length > 0 && scopes.length <= MAX_DEFAULT_SCOPES ? { scopes } : {}),
    };
  }
  return undefined;
}

/** `API_KEY` for the one key of an API; with several keys, each named after its header or parameter. */
function keySecret(prefix: string, keys: number): (scheme: SecurityScheme) => string {
  return (scheme) => (keys <= 1 || scheme.type !== "apiKey" ? `${prefix}_API_KEY` : configName(prefix, scheme.name));
}

interface Candidate {
  schemes: SecurityScheme[];
  order: number;
}

/**
 * The preferred usable security requirement of the operation (else the spec's schemes, one at a time),
 * with a note when it was a choice. A requirement naming several schemes needs all of them (AND,
 * api2cart's `api_key` + `store_key`): the first is the auth, the other API keys are sent as
 * credentials beside it; a requirement whose other schemes are not API keys cannot be met.
 */
export function authPlanFor(
  spec: LoadedSpec,
  operation: Operation,
): { auth?: AuthPlan; credentials?: CredentialPlan[]; notes: string[] } {
  const prefix = secretPrefix(spec);
  const requirements = operation.security ?? spec.securitySchemes.map((s) => [s.id]);
  const candidates: Candidate[] = requirements
    .filter((ids) => ids.length > 0)
    .map((ids, order) => ({
      schemes: ids.flatMap((id) => spec.securitySchemes.filter((s) => s.id === id)),
      order,
    }))
    .filter((c) => c.schemes.length > 0);
  const offered = [...new Set(candidates.flatMap((c) => c.schemes.map((s) => s.id)))];
  const notes: string[] = [];
  if (offered.length > 1 && candidates.length > 1)
    notes.push(
      `auth: the spec offers ${offered.join(", ")}; a single token or key is preferred, then client credentials, then basic`,
    );
  const ranked = candidates
    .map((c) => ({ ...c, schemes: [...c.schemes].sort((a, b) => preference(a) - preference(b)) }))
    .sort(
      (a, b) =>
        a.schemes.length - b.schemes.length ||
        preference(a.schemes[0]!) - preference(b.schemes[0]!) ||
        a.order - b.order,
    );
  for (const { schemes } of ranked) {
    const keys = schemes.filter((s) => s.type === "apiKey").length;
    const secretOf = keySecret(prefix, keys);
    const [first, ...rest] = schemes;
    const auth = first && authOf(first, prefix, secretOf);
    if (!auth) continue;
    const credentials = rest.flatMap((s): CredentialPlan[] =>
      s.type === "apiKey" && s.in !== "cookie" ? [{ in: s.in, name: s.name, secret: secretOf(s) }] : [],
    );
    if (credentials.length < rest.length) continue;
    if (credentials.length > 0)
      notes.push(`auth: the spec requires ${schemes.map((s) => s.id).join(" and ")} together; all are sent`);
    if (auth.kind === "oauth2AuthorizationCode") {
      const declared = first.type === "oauth2" ? Object.keys(first.authorizationCode?.scopes ?? {}).length : 0;
      notes.push(
        `auth: OAuth2 authorization code: run \`cannectors auth login\` once to authorize${declared > MAX_DEFAULT_SCOPES ? `; the spec declares ${declared} scopes: list the ones this connector needs in \`scopes\`` : ""}`,
      );
    }
    return { auth, ...(credentials.length > 0 ? { credentials } : {}), notes };
  }
  if (candidates.length > 0)
    notes.push(`auth: no scheme usable by a connector (${offered.join(", ")}); add one by hand`);
  return { notes };
}
