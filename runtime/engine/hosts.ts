import type { Auth, Connector } from "../artifact/index.js";

/** The hosts a connector may reach: those its modules name, plus settings.network.allowHosts. */
export function allowedHostsOf(connector: Connector): string[] {
  const hosts = new Set<string>(connector.settings.network.allowHosts);
  const add = (url: string) => hosts.add(new URL(url).host);
  const addAuth = (auth: Auth | undefined) => {
    if (auth?.type === "oauth2ClientCredentials") add(auth.tokenUrl);
  };
  if (connector.input.type === "http") {
    add(connector.input.baseUrl);
    addAuth(connector.input.auth);
  }
  add(connector.output.baseUrl);
  addAuth(connector.output.auth);
  return [...hosts].sort();
}
