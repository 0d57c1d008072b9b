/** Request headers that carry credentials: shown as the mask wherever a request is written out (dry runs, fixtures). */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "x-api-key",
]);
