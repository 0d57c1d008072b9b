import type { LoadedSpec, Operation, SecurityScheme } from "../openapi/index.js";
import type { AuthPlan } from "../scaffold/index.js";

/** Secret names read `<API>_<WHAT>`, e.g. CRM_API_KEY, from the spec's title. */
export function secretPrefix(spec: LoadedSpec): string {
  const words = spec.title.toUpperCase().match(/[A-Z0-9]+/g) ?? ["API"];
  const meaningful = words.filter((w) => !["API", "THE", "DEMO", "REST", "V1", "V2", "V3"].includes(w));
  return (meaningful[0] ?? words[0] ?? "API").slice(0, 20);
}

/**
 * A connector holds its credential in secrets: one token or key is simplest to provision and rotate,
 * client credentials next, a username and password last. Equal ranks keep the spec's order.
 */
function preference(scheme: SecurityScheme): number {
  if (scheme.type === "apiKey" || (scheme.type === "http" && scheme.scheme === "bearer")) return 0;
  if (scheme.type === "oauth2") return 1;
  return 2;
}

/** The preferred usable security scheme of the operation (else the spec's), with a note when it was a choice. */
export function authPlanFor(spec: LoadedSpec, operation: Operation): { auth?: AuthPlan; notes: string[] } {
  const prefix = secretPrefix(spec);
  const required = operation.security ?? [spec.securitySchemes.map((s) => s.id)];
  const ids = [...new Set(required.flat())];
  const schemes = ids
    .flatMap((id) => spec.securitySchemes.filter((s) => s.id === id))
    .map((scheme, order) => ({ scheme, order }))
    .sort((a, b) => preference(a.scheme) - preference(b.scheme) || a.order - b.order)
    .map(({ scheme }) => scheme);
  const notes: string[] = [];
  if (schemes.length > 1)
    notes.push(
      `auth: the spec offers ${schemes.map((s) => s.id).join(", ")}; a single token or key is preferred, then client credentials, then basic`,
    );
  for (const scheme of schemes) {
    if (scheme.type === "apiKey" && scheme.in !== "cookie") {
      return { auth: { kind: "apiKey", in: scheme.in, name: scheme.name, secret: `${prefix}_API_KEY` }, notes };
    }
    if (scheme.type === "http" && scheme.scheme === "bearer")
      return { auth: { kind: "bearer", secret: `${prefix}_TOKEN` }, notes };
    if (scheme.type === "http" && scheme.scheme === "basic") {
      return {
        auth: { kind: "basic", usernameSecret: `${prefix}_USERNAME`, passwordSecret: `${prefix}_PASSWORD` },
        notes,
      };
    }
    if (scheme.type === "oauth2" && scheme.clientCredentials) {
      const scopes = Object.keys(scheme.clientCredentials.scopes);
      return {
        auth: {
          kind: "oauth2ClientCredentials",
          tokenUrl: scheme.clientCredentials.tokenUrl,
          clientIdSecret: `${prefix}_CLIENT_ID`,
          clientSecretSecret: `${prefix}_CLIENT_SECRET`,
          ...(scopes.length > 0 ? { scopes } : {}),
        },
        notes,
      };
    }
  }
  if (schemes.length > 0)
    notes.push(`auth: no scheme usable by a connector (${schemes.map((s) => s.type).join(", ")}); add one by hand`);
  return { notes };
}
