import { afterEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../test/support/http-server.js";
import type { Auth } from "../artifact/index.js";
import { createHttpClient } from "../net/http-client.js";
import { fakeClock, plainRedactor, recordingLogger } from "../net/testing.js";
import type { HttpClient } from "../net/types.js";
import { createAuthenticator } from "./create-authenticator.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function echoServer(): Promise<TestServer> {
  const s = await startServer((_req, res) => void res.end("ok"));
  cleanups.push(() => s.close());
  return s;
}

function testClient(): HttpClient {
  const c = createHttpClient({
    allowedHosts: ["127.0.0.1"],
    allowLinkLocal: false,
    connectTimeoutMs: 2000,
    requestTimeoutMs: 5000,
  });
  cleanups.push(() => c.close());
  return c;
}

describe("static authenticators", () => {
  const cases: Array<{
    name: string;
    auth: Auth | undefined;
    header?: [string, string];
    query?: string;
    secret?: string;
  }> = [
    { name: "none", auth: undefined },
    {
      name: "apiKey header",
      auth: { type: "apiKey", in: "header", name: "X-API-Key", value: "key-12345" },
      header: ["x-api-key", "key-12345"],
      secret: "key-12345",
    },
    {
      name: "apiKey query",
      auth: { type: "apiKey", in: "query", name: "api_key", value: "key 1&2" },
      query: "/items?page=2&api_key=key+1%262",
      secret: "key 1&2",
    },
    {
      name: "bearer",
      auth: { type: "bearer", token: "tok-abcdef" },
      header: ["authorization", "Bearer tok-abcdef"],
      secret: "tok-abcdef",
    },
    {
      name: "basic",
      auth: { type: "basic", username: "aladdin", password: "opensesame" },
      header: ["authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"],
      secret: "YWxhZGRpbjpvcGVuc2VzYW1l",
    },
  ];

  it.each(cases)("$name reaches the server and registers its secret", async ({ auth, header, query, secret }) => {
    const s = await echoServer();
    const client = testClient();
    const redactor = plainRedactor();
    const authenticator = createAuthenticator(auth, {
      client,
      clock: fakeClock(),
      redactor,
      logger: recordingLogger(),
    });
    const original = { method: "GET", url: `${s.url}/items?page=2`, headers: { accept: "application/json" } };
    const request = await authenticator.apply(original);
    await client.request(request);
    const received = s.requests[0];
    expect(received?.url).toBe(query ?? "/items?page=2");
    if (header) expect(received?.headers[header[0]]).toBe(header[1]);
    else expect(received?.headers.authorization).toBeUndefined();
    expect(received?.headers.accept).toBe("application/json");
    expect(original).toEqual({ method: "GET", url: `${s.url}/items?page=2`, headers: { accept: "application/json" } });
    if (secret) expect(redactor.secrets).toContain(secret);
    expect(await authenticator.onUnauthorized()).toBe(false);
  });
});
