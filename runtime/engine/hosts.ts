import type { Auth, Connector } from "../artifact/index.js";
import { outputLeaves } from "../modules/catalogue.js";

export type ModuleName = "input" | "output";

/**
 * The hosts one module may reach: its own baseUrl and OAuth2 tokenUrl, plus
 * settings.network.allowHosts. The input never reaches the output's host through a nextUrl or a
 * Link header unless the artifact says so, and credentials never go beyond the baseUrl's origin
 * (runtime/auth/origin-scope.ts).
 */
export function moduleHostsOf(connector: Connector, module: ModuleName): string[] {
  const hosts = new Set<string>(connector.settings.network.allowHosts);
  const add = (url: string) => hosts.add(new URL(url).host);
  const addAuth = (auth: Auth | undefined) => {
    if (auth?.type === "oauth2ClientCredentials" || auth?.type === "oauth2AuthorizationCode") add(auth.tokenUrl);
  };
  // A routes, fanout or fallback output reaches every output it holds.
  const specs = module === "input" ? [connector.input] : outputLeaves(connector.output);
  for (const spec of specs) {
    if (spec.type === "http") {
      add(spec.baseUrl);
      addAuth(spec.auth);
    }
  }
  return [...hosts].sort();
}

/**
 * The hosts a filter that calls out (enrich's lookup) may reach: its baseUrl and OAuth2 tokenUrl,
 * plus settings.network.allowHosts. Read off the spec's shape, so the engine names no filter kind.
 */
export function filterHostsOf(connector: Connector, filter: unknown): string[] {
  const hosts = new Set<string>(connector.settings.network.allowHosts);
  const spec = filter as { baseUrl?: unknown; auth?: Auth };
  if (typeof spec.baseUrl === "string") hosts.add(new URL(spec.baseUrl).host);
  const auth = spec.auth;
  if (auth?.type === "oauth2ClientCredentials" || auth?.type === "oauth2AuthorizationCode") {
    hosts.add(new URL(auth.tokenUrl).host);
  }
  return [...hosts].sort();
}

/** The hosts a connector may reach at all (the shared client's list): every module's. */
export function allowedHostsOf(connector: Connector): string[] {
  const hosts = new Set([...moduleHostsOf(connector, "input"), ...moduleHostsOf(connector, "output")]);
  for (const filter of connector.filters) for (const host of filterHostsOf(connector, filter)) hosts.add(host);
  return [...hosts].sort();
}
