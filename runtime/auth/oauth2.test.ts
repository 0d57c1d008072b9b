import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "../../test/support/http-server.js";
import type { OAuth2ClientCredentialsAuth } from "../artifact/index.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { createHttpClient } from "../net/http-client.js";
import { type FakeClock, fakeClock, plainRedactor, recordingLogger } from "../net/testing.js";
import { createAuthenticator } from "./create-authenticator.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface TokenServer extends TestServer {
  tokenRequests: () => RecordedRequest[];
}

/** Issues tok-1, tok-2, ... from /token; /api accepts only the latest token. */
async function tokenServer(
  tokenReply?: (req: RecordedRequest, res: ServerResponse, n: number) => boolean,
  expiresIn = 3600,
): Promise<TokenServer> {
  let issued = 0;
  const s = await startServer(async (req, res) => {
    if (req.url === "/token") {
      issued++;
      if (tokenReply?.(req, res, issued)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return sendJson(res, 200, { access_token: `tok-${issued}`, token_type: "Bearer", expires_in: expiresIn });
    }
    const ok = req.headers.authorization === `Bearer tok-${issued}`;
    sendJson(res, ok ? 200 : 401, { ok });
  });
  cleanups.push(() => s.close());
  return { ...s, tokenRequests: () => s.requests.filter((r) => r.url === "/token") };
}

function setup(s: TestServer, overrides: Partial<OAuth2ClientCredentialsAuth> = {}, clock: FakeClock = fakeClock()) {
  const client = createHttpClient({
    allowedHosts: ["127.0.0.1"],
    allowLinkLocal: false,
    connectTimeoutMs: 2000,
    requestTimeoutMs: 5000,
  });
  cleanups.push(() => client.close());
  const redactor = plainRedactor();
  const auth: OAuth2ClientCredentialsAuth = {
    type: "oauth2ClientCredentials",
    tokenUrl: `${s.url}/token`,
    clientId: "my-client",
    clientSecret: "s3cr3t/+=",
    scopes: ["read:a", "read:b"],
    clientAuth: "basic",
    refreshBefore: "60s",
    ...overrides,
  };
  const authenticator = createAuthenticator(auth, { client, clock, redactor, logger: recordingLogger() });
  const call = async () =>
    client.request(await authenticator.apply({ method: "GET", url: `${s.url}/api`, headers: {} }));
  return { authenticator, redactor, clock, call };
}

describe("oauth2 client credentials", () => {
  it("posts the form with basic client auth and caches the token across many requests", async () => {
    const s = await tokenServer();
    const { call, redactor } = setup(s, { audience: "https://api.example" });
    for (let i = 0; i < 10; i++) expect((await call()).status).toBe(200);
    expect(s.tokenRequests()).toHaveLength(1);
    const tokenRequest = s.tokenRequests()[0];
    expect(tokenRequest?.method).toBe("POST");
    expect(tokenRequest?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      scope: "read:a read:b",
      audience: "https://api.example",
    });
    const pair = Buffer.from("my-client:s3cr3t%2F%2B%3D").toString("base64");
    expect(tokenRequest?.headers.authorization).toBe(`Basic ${pair}`);
    expect(redactor.secrets).toEqual(expect.arrayContaining(["tok-1", pair, "s3cr3t/+="]));
  });

  it("sends the client credentials in the body when clientAuth is body", async () => {
    const s = await tokenServer();
    const { call } = setup(s, { clientAuth: "body", scopes: undefined });
    expect((await call()).status).toBe(200);
    const tokenRequest = s.tokenRequests()[0];
    expect(tokenRequest?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "my-client",
      client_secret: "s3cr3t/+=",
    });
  });

  it("makes ONE token request for 20 concurrent callers", async () => {
    const s = await tokenServer();
    const { authenticator } = setup(s);
    const requests = await Promise.all(
      Array.from({ length: 20 }, () => authenticator.apply({ method: "GET", url: `${s.url}/api`, headers: {} })),
    );
    expect(new Set(requests.map((r) => r.headers.authorization))).toEqual(new Set(["Bearer tok-1"]));
    expect(s.tokenRequests()).toHaveLength(1);
  });

  it("refreshes refreshBefore ahead of expiry, not earlier", async () => {
    const s = await tokenServer(undefined, 120);
    const { authenticator, clock } = setup(s);
    const header = async () =>
      (await authenticator.apply({ method: "GET", url: `${s.url}/api`, headers: {} })).headers.authorization;
    expect(await header()).toBe("Bearer tok-1");
    clock.advance(59_000);
    expect(await header()).toBe("Bearer tok-1");
    clock.advance(2_000);
    expect(await header()).toBe("Bearer tok-2");
    expect(s.tokenRequests()).toHaveLength(2);
  });

  it("on 401 fetches a new token so one retry succeeds", async () => {
    const s = await tokenServer();
    const { authenticator, call } = setup(s);
    expect((await call()).status).toBe(200);
    // The server moves on to tok-2, as after a key rotation.
    await fetch(`${s.url}/token`, { method: "POST" });
    expect((await call()).status).toBe(401);
    expect(await authenticator.onUnauthorized()).toBe(true);
    expect((await call()).status).toBe(200);
    expect(s.tokenRequests()).toHaveLength(3);
  });

  it("reports token endpoint errors with URL and status but never the secret", async () => {
    const s = await tokenServer((_req, res) => {
      sendJson(res, 401, { error: "invalid_client", error_description: "bad secret s3cr3t/+=" });
      return true;
    });
    const { authenticator } = setup(s);
    const error = await authenticator.apply({ method: "GET", url: `${s.url}/api`, headers: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(CannectorsError);
    expect(error.code).toBe(ErrorCodes.AUTH);
    expect(error.message).toContain(`OAuth2 token request to ${s.url}/token failed with status 401: invalid_client`);
    expect(error.message).not.toContain("s3cr3t");
  });

  it("fails clearly when the endpoint answers without an access_token", async () => {
    const s = await tokenServer((_req, res) => {
      sendJson(res, 200, { token_type: "Bearer" });
      return true;
    });
    const error = await setup(s)
      .call()
      .catch((e) => e);
    expect(error.code).toBe(ErrorCodes.AUTH);
    expect(error.message).toContain("no access_token");
  });
});
