import { describe, expect, it } from "vitest";
import { Connector } from "../artifact/index.js";
import { allowedHostsOf, moduleHostsOf } from "./hosts.js";

const connector = Connector.parse({
  apiVersion: "cannectors.dev/v1",
  kind: "Connector",
  metadata: { name: "hosts" },
  input: { type: "http", baseUrl: "http://src.test:8080/v1", path: "/items", records: "items" },
  output: {
    type: "http",
    baseUrl: "https://dst.test",
    path: "/sink",
    auth: { type: "oauth2ClientCredentials", tokenUrl: "https://auth.test/token", clientId: "c", clientSecret: "s" },
  },
  settings: { network: { allowHosts: ["cdn.test"] } },
});

describe("moduleHostsOf", () => {
  it("gives each module its own hosts plus allowHosts; the shared client gets the union", () => {
    expect(moduleHostsOf(connector, "input")).toEqual(["cdn.test", "src.test:8080"]);
    expect(moduleHostsOf(connector, "output")).toEqual(["auth.test", "cdn.test", "dst.test"]);
    expect(allowedHostsOf(connector)).toEqual(["auth.test", "cdn.test", "dst.test", "src.test:8080"]);
  });
});
