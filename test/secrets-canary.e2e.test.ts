import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import {
  ACCESS_TOKEN,
  apis,
  CANARY,
  closeServersAfterEach,
  connector,
  DEBUG,
  everything,
  expectNoCanary,
  workspace,
} from "./secrets-canary-support.js";

closeServersAfterEach();

describe("canary secrets (API key, client secret, access token, webhook secret) never leave the process", () => {
  it("on success, with debug logging", async () => {
    const { source, target } = await apis({});
    const ws = workspace(connector(source.url, target.url));
    const result = await runCli([...ws.args, ...DEBUG, "--json"], { env: ws.env });
    expect(result.code, result.stderr).toBe(0);
    expect(target.requests.filter((r) => r.headers.authorization === `Bearer ${ACCESS_TOKEN}`)).toHaveLength(2);
    expect(target.requests.at(-1)?.headers["x-trace"]).toBe(
      `k=${CANARY.CANARY_API_KEY}&w=${CANARY.CANARY_WEBHOOK_SECRET}`,
    );
    expectNoCanary(await everything(ws, [result]));
  });

  it.each([
    { name: "a target answering 500 that echoes the request headers", behaviour: { target: "echo500" as const } },
    { name: "a source answering 401 that echoes the request headers", behaviour: { source: "echo401" as const } },
    {
      name: "a token endpoint answering 500 that echoes the client credentials",
      behaviour: { token: "echo500" as const },
    },
  ])("with $name, debug logging, and the dead letter", async ({ behaviour }) => {
    const { source, target } = await apis(behaviour);
    const ws = workspace(connector(source.url, target.url));
    const result = await runCli([...ws.args, ...DEBUG], { env: ws.env });
    expect(result.code).toBe(1);
    // The echo did reach the runtime: the secrets were in the responses it had to redact.
    const echoed = [...source.requests, ...target.requests].length;
    expect(echoed).toBeGreaterThan(0);
    expectNoCanary(await everything(ws, [result]));
  });
});
