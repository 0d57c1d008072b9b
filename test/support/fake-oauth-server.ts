/**
 * Test support: a fake OAuth2 authorization server on 127.0.0.1 (node:http), strict where real
 * ones are: the authorization endpoint redirects to the registered loopback callback with a code
 * and the caller's state; the token endpoint checks the client, the redirect_uri and the PKCE S256
 * verifier (RFC 7636 §4.6), issues short-lived access tokens and refresh tokens, rotates refresh
 * tokens when asked (the old one dies at once, or after a grace), and answers `invalid_grant` for a
 * revoked, used or unknown one. Other paths accept only live access tokens (`/records` serves
 * `records`), except `/sink`, which takes anything.
 */
import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson, startServer, type TestServer } from "./http-server.js";

export interface FakeOAuthOptions {
  clientId?: string;
  /** Undefined: a public client (PKCE alone). */
  clientSecret?: string | undefined;
  /** Issue a new refresh token on each refresh. */
  rotate?: boolean;
  /** With `rotate`: the replaced token still works this many times (a reuse grace), else it dies at once. */
  graceUses?: number;
  expiresIn?: number;
  /** Records served by /api (each page is the whole list). */
  records?: unknown[];
}

export interface FakeOAuthServer extends TestServer {
  /** Refresh tokens the server would accept now. */
  liveRefreshTokens(): string[];
  revokeAll(): void;
  /** Token requests by grant type. */
  grants(): string[];
  /** Every /api call's token. */
  apiTokens(): string[];
}

interface PendingCode {
  challenge: string;
  method: string;
  redirectUri: string;
  clientId: string;
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export async function startFakeOAuthServer(options: FakeOAuthOptions = {}): Promise<FakeOAuthServer> {
  const clientId = options.clientId ?? "client-1";
  const codes = new Map<string, PendingCode>();
  /** Refresh token → uses left (Infinity while current). */
  const refreshTokens = new Map<string, number>();
  const accessTokens = new Set<string>();
  const grants: string[] = [];
  const apiTokens: string[] = [];
  let serial = 0;

  const issue = (res: ServerResponse, withRefresh: boolean, refreshToken?: string) => {
    serial++;
    // Long and random: a test can look for them in files without matching by chance.
    const access = `at-${serial}-${randomBytes(12).toString("hex")}`;
    accessTokens.add(access);
    let refresh = refreshToken;
    if (withRefresh) {
      refresh = `rt-${serial}-${randomBytes(12).toString("hex")}`;
      refreshTokens.set(refresh, Number.POSITIVE_INFINITY);
    }
    sendJson(res, 200, {
      access_token: access,
      token_type: "Bearer",
      expires_in: options.expiresIn ?? 3600,
      ...(withRefresh ? { refresh_token: refresh } : {}),
    });
  };

  const server = await startServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/authorize") {
      const q = url.searchParams;
      const redirect = q.get("redirect_uri") ?? "";
      if (q.get("client_id") !== clientId || !/^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirect)) {
        return sendJson(res, 400, { error: "invalid_request" });
      }
      if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256") {
        return sendJson(res, 400, { error: "invalid_request", error_description: "PKCE S256 required" });
      }
      const code = `code-${codes.size + 1}`;
      codes.set(code, {
        challenge: q.get("code_challenge") ?? "",
        method: "S256",
        redirectUri: redirect,
        clientId,
      });
      const back = new URL(redirect);
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      res.end();
      return;
    }
    if (url.pathname === "/token") {
      const form = new URLSearchParams(req.body);
      grants.push(form.get("grant_type") ?? "");
      const basic = req.headers.authorization?.replace(/^Basic /, "");
      const [id, secret] = basic
        ? Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent)
        : [form.get("client_id"), form.get("client_secret") ?? undefined];
      if (id !== clientId || secret !== options.clientSecret) return sendJson(res, 401, { error: "invalid_client" });
      if (form.get("grant_type") === "authorization_code") {
        const pending = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        if (!pending || pending.redirectUri !== form.get("redirect_uri")) {
          return sendJson(res, 400, { error: "invalid_grant" });
        }
        if (s256(form.get("code_verifier") ?? "") !== pending.challenge) {
          return sendJson(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
        }
        return issue(res, true);
      }
      if (form.get("grant_type") === "refresh_token") {
        const token = form.get("refresh_token") ?? "";
        const uses = refreshTokens.get(token);
        if (uses === undefined || uses <= 0) return sendJson(res, 400, { error: "invalid_grant" });
        if (!options.rotate) return issue(res, false, token);
        // Rotation: the presented token is replaced, alive only for the grace uses.
        refreshTokens.set(token, Number.isFinite(uses) ? uses - 1 : (options.graceUses ?? 0));
        return issue(res, true);
      }
      return sendJson(res, 400, { error: "unsupported_grant_type" });
    }
    // The sink stands for another API without auth (the connector's output).
    if (url.pathname === "/sink") return sendJson(res, 200, { ok: true });
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    apiTokens.push(token);
    if (!accessTokens.has(token)) return sendJson(res, 401, { error: "invalid_token" });
    if (url.pathname === "/records") return sendJson(res, 200, options.records ?? []);
    return sendJson(res, 200, { ok: true });
  });
  return {
    ...server,
    liveRefreshTokens: () => [...refreshTokens].filter(([, uses]) => uses > 0).map(([token]) => token),
    revokeAll: () => {
      refreshTokens.clear();
      accessTokens.clear();
    },
    grants: () => [...grants],
    apiTokens: () => [...apiTokens],
  };
}
