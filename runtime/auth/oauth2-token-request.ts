import { isTransientStatus } from "../net/transient.js";
import type { OAuth2ClientCredentialsAuth } from "../artifact/index.js";
import { CannectorsError, describeError, ErrorCodes } from "../errors/index.js";
import type { HttpClient, HttpResponse } from "../net/types.js";
import type { Redactor } from "../secrets/types.js";

export interface AccessToken {
  value: string;
  /** Lifetime in ms from the token endpoint; undefined when it gave none. */
  expiresInMs: number | undefined;
}

/** RFC 6749 §2.3.1: client id and secret are form-encoded before the basic pair is built. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function clientCredentialsForm(auth: OAuth2ClientCredentialsAuth): URLSearchParams {
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (auth.scopes && auth.scopes.length > 0) form.set("scope", auth.scopes.join(" "));
  if (auth.audience !== undefined) form.set("audience", auth.audience);
  return form;
}

function parseJson(response: HttpResponse): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(response.body.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What the endpoint said went wrong (RFC 6749 §5.2 `error`, `error_description`), never the request. */
function endpointReason(body: Record<string, unknown> | undefined): string {
  if (!body) return "";
  const parts = [body.error, body.error_description].filter((p): p is string => typeof p === "string");
  return parts.length > 0 ? `: ${parts.join(" - ")}` : "";
}

/** A token endpoint and how this client authenticates to it (RFC 6749 §2.3.1, §3.2.1). */
export interface TokenEndpoint {
  tokenUrl: string;
  clientId: string;
  /** Absent for a public client: its client_id then goes in the form. */
  clientSecret?: string | undefined;
  clientAuth: "basic" | "body";
}

export interface TokenResponse extends AccessToken {
  /** A refresh token when the endpoint issued one (a rotation when it differs from the one sent). */
  refreshToken: string | undefined;
}

/** One client-credentials token request (RFC 6749 §4.4). */
export async function requestAccessToken(
  auth: OAuth2ClientCredentialsAuth,
  client: HttpClient,
  redactor: Redactor,
): Promise<AccessToken> {
  const { value, expiresInMs } = await postTokenForm(auth, clientCredentialsForm(auth), client, redactor);
  return { value, expiresInMs };
}

/**
 * POSTs one token request (any grant) with the client's credentials. A refusal is a
 * CANNECTORS_E_AUTH error whose `details.oauthError` is the endpoint's RFC 6749 §5.2 `error`
 * (`invalid_grant`: the code or refresh token is revoked, expired or not ours). Every token it
 * returns is added to the redactor before anything can log it.
 */
export async function postTokenForm(
  endpoint: TokenEndpoint,
  grant: URLSearchParams,
  client: HttpClient,
  redactor: Redactor,
): Promise<TokenResponse> {
  const form = new URLSearchParams(grant);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (endpoint.clientSecret === undefined) form.set("client_id", endpoint.clientId);
  else if (endpoint.clientAuth === "body") {
    form.set("client_id", endpoint.clientId);
    form.set("client_secret", endpoint.clientSecret);
  } else {
    const pair = Buffer.from(`${formEncode(endpoint.clientId)}:${formEncode(endpoint.clientSecret)}`).toString(
      "base64",
    );
    redactor.add(pair);
    headers.authorization = `Basic ${pair}`;
  }
  const tokenUrl = redactor.redact(endpoint.tokenUrl);
  const where = `OAuth2 token request to ${tokenUrl}`;
  let response: HttpResponse;
  try {
    response = await client.request({ method: "POST", url: endpoint.tokenUrl, headers, body: form.toString() });
  } catch (error) {
    throw new CannectorsError(ErrorCodes.AUTH, redactor.redact(`${where} failed: ${describeError(error)}`), {
      cause: error,
      details: { tokenUrl },
    });
  }
  const body = parseJson(response);
  const details = { tokenUrl, status: response.status };
  // Tokens in a refusal's body (some servers echo the grant) must not reach the message.
  const issuedRefresh = body?.refresh_token;
  if (typeof issuedRefresh === "string" && issuedRefresh !== "") redactor.add(issuedRefresh);
  if (response.status < 200 || response.status > 299) {
    // A token endpoint that is down or busy is retried like any other request; a refusal is final.
    const oauthError = typeof body?.error === "string" ? body.error : undefined;
    throw new CannectorsError(
      ErrorCodes.AUTH,
      redactor.redact(`${where} failed with status ${response.status}${endpointReason(body)}`),
      { details: { ...details, transient: isTransientStatus(response.status), oauthError } },
    );
  }
  const token = body?.access_token;
  if (typeof token !== "string" || token === "") {
    throw new CannectorsError(ErrorCodes.AUTH, `${where} returned status ${response.status} but no access_token`, {
      details,
    });
  }
  redactor.add(token);
  const expiresIn = Number(body?.expires_in);
  return {
    value: token,
    expiresInMs: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined,
    refreshToken: typeof issuedRefresh === "string" && issuedRefresh !== "" ? issuedRefresh : undefined,
  };
}
