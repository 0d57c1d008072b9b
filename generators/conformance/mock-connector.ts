import type { Auth, Connector, HttpInput, HttpOutput } from "../../runtime/artifact/index.js";
import { resolveSecrets } from "../../runtime/secrets/index.js";

/**
 * The connector pointed at the two mocks: both base URLs and token endpoints on 127.0.0.1, the dead
 * letters in the scenario's folder. The contract checks are left to the mocks, which make them on
 * every request (a spec path relative to another folder would not resolve here).
 */
export function pointedAtMocks(
  connector: Connector,
  urls: { source: string; target: string },
  deadLetterPath: string,
): Connector {
  const input = connector.input as HttpInput;
  const output = connector.output as HttpOutput;
  const { contract: _inputContract, ...inputRest } = input;
  const { contract: _outputContract, ...outputRest } = output;
  return {
    ...connector,
    input: { ...inputRest, baseUrl: urls.source, ...authAt(input.auth, urls.source) },
    output: {
      ...outputRest,
      baseUrl: urls.target,
      ...authAt(output.auth, urls.target),
      deadLetter: { path: deadLetterPath },
    },
  } as Connector;
}

function authAt(auth: Auth | undefined, origin: string): { auth?: Auth } {
  if (auth?.type !== "oauth2ClientCredentials") return auth ? { auth } : {};
  return { auth: { ...auth, tokenUrl: new URL(tokenPath(auth), origin).toString() } };
}

/** The path of an OAuth2 token endpoint, which the mock of that side answers. */
export function tokenPaths(auth: Auth | undefined): string[] {
  return auth?.type === "oauth2ClientCredentials" ? [tokenPath(auth)] : [];
}

function tokenPath(auth: Extract<Auth, { type: "oauth2ClientCredentials" }>): string {
  return new URL(auth.tokenUrl.replace(/\$\{[^}]*\}/g, "x"), "http://127.0.0.1").pathname;
}

/** Stand-ins for every secret and variable the connector reads: the mocks accept any credential. */
export function standInEnv(connector: Connector): Record<string, string> {
  return Object.fromEntries(
    resolveSecrets(connector, {}).missing.map((ref) => [ref.name, `conformance-${ref.name.toLowerCase()}`]),
  );
}
