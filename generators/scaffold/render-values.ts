import type { AuthPlan, PaginationPlan } from "./plan.js";

/** A TypeScript literal for plain data (strings JSON-quoted, keys bare when they can be). */
export function tsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

export function tsKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

export function authCall(auth: AuthPlan, use: (name: string) => void): string {
  use("secret");
  use(auth.kind);
  const secret = (name: string) => `secret(${JSON.stringify(name)})`;
  switch (auth.kind) {
    case "apiKey":
      return `apiKey({ in: ${tsLiteral(auth.in)}, name: ${tsLiteral(auth.name)}, value: ${secret(auth.secret)} })`;
    case "bearer":
      return `bearer(${secret(auth.secret)})`;
    case "basic":
      return `basic({ username: ${secret(auth.usernameSecret)}, password: ${secret(auth.passwordSecret)} })`;
    case "oauth2ClientCredentials":
      return `oauth2ClientCredentials({ tokenUrl: ${tsLiteral(auth.tokenUrl)}, clientId: ${secret(auth.clientIdSecret)}, clientSecret: ${secret(auth.clientSecretSecret)}${auth.scopes?.length ? `, scopes: ${tsLiteral(auth.scopes)}` : ""} })`;
    case "oauth2AuthorizationCode":
      return `oauth2AuthorizationCode({ authorizationUrl: ${tsLiteral(auth.authorizationUrl)}, tokenUrl: ${tsLiteral(auth.tokenUrl)}, clientId: ${secret(auth.clientIdSecret)}, clientSecret: ${secret(auth.clientSecretSecret)}${auth.scopes?.length ? `, scopes: ${tsLiteral(auth.scopes)}` : ""} })`;
  }
}

export function paginationCall(pagination: PaginationPlan, use: (name: string) => void): string {
  const { type, ...options } = pagination;
  use(type);
  return `${type}(${type === "linkHeader" ? "" : tsLiteral(options)})`;
}
