import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { OAuth2AuthorizationCodeAuth } from "../artifact/index.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { HttpClient } from "../net/types.js";
import type { Redactor } from "../secrets/types.js";
import { tokenEndpointOf } from "./oauth2-authorization-code.js";
import { postTokenForm } from "./oauth2-token-request.js";

export interface LoginOptions {
  client: HttpClient;
  redactor: Redactor;
  /** Called once with the URL the user opens (printed, and opened in a browser when asked). */
  onAuthorizationUrl(url: string): void | Promise<void>;
  /** How long to wait for the browser to come back; default 5 minutes. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface LoginResult {
  refreshToken: string;
  redirectUri: string;
}

/** RFC 7636 §4.1: 32 random bytes, base64url (43 characters), and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function loginError(message: string, details: Record<string, unknown> = {}): CannectorsError {
  return new CannectorsError(ErrorCodes.AUTH, message, { details });
}

function sameState(given: string | null, expected: string): boolean {
  if (given === null || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const PAGE = (text: string) =>
  `<!doctype html><meta charset="utf-8"><title>cannectors</title><p>${text}</p><p>You can close this window.</p>`;

/**
 * The authorization code flow of a native app (RFC 8252): a loopback redirect on 127.0.0.1, a
 * random `state` checked on return (RFC 6749 §10.12), PKCE S256 (RFC 7636), then the code exchanged
 * for tokens with the verifier. Returns the refresh token; it never reaches a log or a message.
 */
export async function authorizationCodeLogin(
  auth: OAuth2AuthorizationCodeAuth,
  options: LoginOptions,
): Promise<LoginResult> {
  const state = randomBytes(16).toString("base64url");
  const pkce = pkcePair();
  let settle: { resolve(code: string): void; reject(error: unknown): void } | undefined;
  const codeArrived = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Awaited below; a refusal that comes first must not count as unhandled meanwhile.
  codeArrived.catch(() => undefined);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/callback") {
      res.writeHead(404).end();
      return;
    }
    const answer = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(PAGE(text));
    };
    // A request without our state is not the provider sending our user back: ignored, still waiting.
    if (!sameState(url.searchParams.get("state"), state)) {
      answer(400, "This sign-in link is not the one cannectors is waiting for.");
      return;
    }
    const error = url.searchParams.get("error");
    const code = url.searchParams.get("code");
    if (error !== null || code === null) {
      answer(400, "Authorization was not granted.");
      const reason = [error, url.searchParams.get("error_description")].filter(Boolean).join(" - ");
      settle?.reject(loginError(`the authorization server refused: ${reason || "no code returned"}`));
      return;
    }
    answer(200, "Authorized: cannectors has what it needs.");
    settle?.resolve(code);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new CannectorsError(ErrorCodes.LISTEN, `cannot listen on 127.0.0.1:${auth.redirectPort} for the redirect`, {
          cause: error,
        }),
      ),
    );
    server.listen(auth.redirectPort, "127.0.0.1", resolve);
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(
    () => settle?.reject(loginError(`no answer from the browser within ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  const onAbort = () => settle?.reject(loginError("login cancelled"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const url = new URL(auth.authorizationUrl);
    const params: Record<string, string> = {
      ...auth.authorizationParams,
      response_type: "code",
      client_id: auth.clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
      ...(auth.scopes?.length ? { scope: auth.scopes.join(" ") } : {}),
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    await options.onAuthorizationUrl(url.toString());
    const code = await codeArrived;
    options.redactor.add(code);
    const grant = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: pkce.verifier,
    });
    const issued = await postTokenForm(tokenEndpointOf(auth), grant, options.client, options.redactor);
    if (issued.refreshToken === undefined) {
      throw loginError(
        "the token endpoint issued no refresh_token: the provider may need an offline scope or parameter (e.g. scope offline_access, or authorizationParams access_type=offline, prompt=consent)",
      );
    }
    return { refreshToken: issued.refreshToken, redirectUri };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
