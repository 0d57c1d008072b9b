import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeOAuthOptions,
  type FakeOAuthServer,
  startFakeOAuthServer,
} from "../../test/support/fake-oauth-server.js";
import { type TestState, usableBackends } from "../../test/support/state-backends.js";
import { OAuth2AuthorizationCodeAuth } from "../artifact/index.js";
import { ErrorCodes } from "../errors/index.js";
import { createHttpClient } from "../net/http-client.js";
import { fakeClock, plainRedactor, recordingLogger } from "../net/testing.js";
import type { HttpClient } from "../net/types.js";
import { type StateStore, stateKeyFrom } from "../state/index.js";
import { authorizationCodeLogin } from "./authorization-code-login.js";
import { createAuthenticator } from "./create-authenticator.js";
import { refreshTokenVault } from "./refresh-token-vault.js";

const KEY = stateKeyFrom({ CANNECTORS_STATE_KEY: "correct horse battery staple" });
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function httpClient(): HttpClient {
  const client = createHttpClient({
    allowedHosts: ["127.0.0.1"],
    allowLinkLocal: false,
    connectTimeoutMs: 2000,
    requestTimeoutMs: 5000,
  });
  cleanups.push(() => client.close());
  return client;
}

function authFor(server: FakeOAuthServer, secret: string | undefined): OAuth2AuthorizationCodeAuth {
  return OAuth2AuthorizationCodeAuth.parse({
    type: "oauth2AuthorizationCode",
    authorizationUrl: `${server.url}/authorize`,
    tokenUrl: `${server.url}/token`,
    clientId: "client-1",
    ...(secret === undefined ? {} : { clientSecret: secret }),
    scopes: ["read"],
  });
}

/** Follows the printed URL as a browser would: GET it, then GET the redirect's Location. */
async function browse(url: string): Promise<number> {
  const authorize = await fetch(url, { redirect: "manual" });
  const location = authorize.headers.get("location");
  if (location === null) return authorize.status;
  return (await fetch(location)).status;
}

describe.each(usableBackends())("oauth2 authorization code, state on $name", (backend) => {
  let state: TestState;
  let store: StateStore;

  /** `secret` null: a public client. */
  async function setup(options: FakeOAuthOptions = {}, given: string | null = "s3cret-value") {
    const secret = given ?? undefined;
    state = await backend.fresh();
    store = await state.open();
    cleanups.push(
      () => state.dispose(),
      () => store.close(),
    );
    const server = await startFakeOAuthServer({ clientSecret: secret, ...options });
    cleanups.push(() => server.close());
    const auth = authFor(server, secret);
    const redactor = plainRedactor();
    const client = httpClient();
    const login = () =>
      authorizationCodeLogin(auth, { client, redactor, onAuthorizationUrl: (url) => void browse(url) });
    const vault = refreshTokenVault(store, KEY, "crm");
    const logger = recordingLogger();
    const authenticator = () =>
      createAuthenticator(auth, { client, clock: fakeClock(), redactor, logger, refreshTokens: vault });
    const call = async (authn = authenticator()) => {
      const request = await authn.apply({ method: "GET", url: `${server.url}/records`, headers: {} });
      return client.request(request);
    };
    return { server, auth, login, vault, redactor, logger, authenticator, call };
  }

  it("logs in with PKCE, stores the refresh token sealed, and authenticates from it", async () => {
    const { server, login, vault, call, redactor } = await setup();
    const { refreshToken, redirectUri } = await login();
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    await vault.replace(refreshToken);
    const raw = await store.refreshTokens.get("crm");
    expect(raw?.current).toMatch(/^v1\./);
    expect(raw?.current).not.toContain(refreshToken);
    expect((await call()).status).toBe(200);
    expect(server.grants()).toEqual(["authorization_code", "refresh_token"]);
    expect(redactor.secrets).toEqual(expect.arrayContaining([refreshToken, "s3cret-value"]));
  });

  it("refuses a code exchanged without the PKCE verifier (the server checks S256)", async () => {
    const { server } = await setup();
    const authorize = await fetch(
      `${server.url}/authorize?response_type=code&client_id=client-1&redirect_uri=${encodeURIComponent("http://127.0.0.1:9/callback")}&state=x&code_challenge=${"a".repeat(43)}&code_challenge_method=S256`,
      { redirect: "manual" },
    );
    const code = new URL(authorize.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const token = await fetch(`${server.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: "http://127.0.0.1:9/callback",
        code_verifier: "wrong-verifier-wrong-verifier-wrong-verifier",
        client_id: "client-1",
        client_secret: "s3cret-value",
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("works for a public client (no secret: client_id in the form, PKCE alone)", async () => {
    const { server, login, vault, call } = await setup({}, null);
    await vault.replace((await login()).refreshToken);
    expect((await call()).status).toBe(200);
    expect(server.requests.filter((r) => r.url === "/token").every((r) => r.headers.authorization === undefined)).toBe(
      true,
    );
  });

  it("ignores a callback without the login's state and keeps waiting for the real one", async () => {
    const { auth, server } = await setup();
    const client = httpClient();
    const result = authorizationCodeLogin(auth, {
      client,
      redactor: plainRedactor(),
      onAuthorizationUrl: async (url) => {
        const redirect = new URL(url).searchParams.get("redirect_uri") ?? "";
        const forged = await fetch(`${redirect}?code=stolen&state=not-ours`);
        expect(forged.status).toBe(400);
        await browse(url);
      },
    });
    expect((await result).refreshToken).toMatch(/^rt-/);
    expect(server.grants()).toEqual(["authorization_code"]);
  });

  it("rotates: writes the new refresh token before use, keeps the old one until the new one works", async () => {
    const { server, login, vault, authenticator, call, logger } = await setup({ rotate: true });
    await vault.replace((await login()).refreshToken);
    const first = authenticator();
    expect((await call(first)).status).toBe(200);
    const afterFirst = await vault.load();
    expect(afterFirst?.current).toBe(server.liveRefreshTokens().at(-1));
    expect(afterFirst?.previous).toMatch(/^rt-/);
    // A 401 refreshes again: the new token works, so the previous one is dropped.
    server.revokeAll();
    expect(await first.onUnauthorized().catch((e) => e.code)).toBe(ErrorCodes.AUTH_LOGIN_REQUIRED);
    expect(logger.entries.some((e) => e.message === "oauth2 refresh token rotated")).toBe(true);
  });

  it("confirms the rotated token on the next refresh (previous dropped) and survives a 401", async () => {
    const { server, login, vault, authenticator, call } = await setup({ rotate: true });
    await vault.replace((await login()).refreshToken);
    const authn = authenticator();
    expect((await call(authn)).status).toBe(200);
    expect(await authn.onUnauthorized()).toBe(true);
    const stored = await vault.load();
    expect(stored?.current).toBe(server.liveRefreshTokens().at(-1));
    expect(stored?.previous).not.toBeUndefined();
    // A fresh run (new authenticator) refreshes with the stored current token.
    expect((await call()).status).toBe(200);
    expect(server.grants().filter((g) => g === "refresh_token")).toHaveLength(3);
  });

  it("falls back once to the previous token when the current one is refused", async () => {
    const { server, login, vault, call } = await setup({ rotate: true });
    const original = (await login()).refreshToken;
    await vault.replace(original);
    // The stored current token is one the server refuses (as after a rotation the provider did not keep).
    await vault.rotate("rt-never-issued");
    expect((await call()).status).toBe(200);
    const stored = await vault.load();
    expect(stored?.previous).toBeUndefined();
    expect(stored?.current).toBe(server.liveRefreshTokens().at(-1));
  });

  it("a revoked refresh token fails with CANNECTORS_E_AUTH_LOGIN_REQUIRED naming the login command, no secret", async () => {
    const { server, login, vault, call } = await setup();
    const token = (await login()).refreshToken;
    await vault.replace(token);
    server.revokeAll();
    const error = await call().catch((e) => e);
    expect(error.code).toBe(ErrorCodes.AUTH_LOGIN_REQUIRED);
    expect(error.message).toContain("cannectors auth login crm");
    expect(error.message).toContain("invalid_grant");
    expect(error.message).not.toContain(token);
  });

  it("no stored token, and a wrong state key, each give their own clear error", async () => {
    const { login, vault, call, auth } = await setup();
    expect((await call().catch((e) => e)).code).toBe(ErrorCodes.AUTH_LOGIN_REQUIRED);
    await vault.replace((await login()).refreshToken);
    const wrongKey = refreshTokenVault(store, stateKeyFrom({ CANNECTORS_STATE_KEY: "another key, 16+ chars" }), "crm");
    const authn = createAuthenticator(auth, {
      client: httpClient(),
      clock: fakeClock(),
      redactor: plainRedactor(),
      logger: recordingLogger(),
      refreshTokens: wrongKey,
    });
    const error = await authn.apply({ method: "GET", url: "http://127.0.0.1:1/x", headers: {} }).catch((e) => e);
    expect(error.code).toBe(ErrorCodes.STATE_KEY);
    expect(error.message).toContain("is not the one it was stored with");
    // A sealed token does not open under another connector's name either.
    const elsewhere = refreshTokenVault(store, KEY, "other");
    await store.refreshTokens.replace("other", (await store.refreshTokens.get("crm"))?.current ?? "", "t");
    expect((await elsewhere.load().catch((e) => e)).code).toBe(ErrorCodes.STATE_KEY);
  });
});
