import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../test/support/http-server.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { createHttpClient, type HttpClientOptions } from "./http-client.js";
import { fakeClock, plainRedactor } from "./testing.js";
import type { HttpClient } from "./types.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function server(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  cleanups.push(() => s.close());
  return s;
}

function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const c = createHttpClient({
    allowedHosts: ["127.0.0.1", "localhost"],
    allowLinkLocal: false,
    connectTimeoutMs: 2000,
    requestTimeoutMs: 5000,
    ...overrides,
  });
  cleanups.push(() => c.close());
  return c;
}

async function failure(promise: Promise<unknown>): Promise<CannectorsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CannectorsError);
  return error as CannectorsError;
}

describe("createHttpClient", () => {
  it("sends method, headers and body, and returns status, headers and the whole body without throwing on 4xx/5xx", async () => {
    const s = await server((req, res) => {
      res.setHeader("x-multi", ["a", "b"]);
      res.setHeader("set-cookie", "session=secret");
      sendJson(res, req.url === "/missing" ? 404 : 201, { echo: req.body, ct: req.headers["content-type"] });
    });
    const c = client();
    const ok = await c.request({
      method: "POST",
      url: `${s.url}/items?x=1`,
      headers: { "Content-Type": "application/json" },
      body: '{"a":1}',
    });
    expect(ok.status).toBe(201);
    expect(JSON.parse(ok.body.toString())).toEqual({ echo: '{"a":1}', ct: "application/json" });
    expect(ok.headers["x-multi"]).toBe("a, b");
    expect(ok.headers["set-cookie"]).toBeUndefined();
    expect(ok.url).toBe(`${s.url}/items?x=1`);
    expect(s.requests[0]?.method).toBe("POST");
    const missing = await c.request({ method: "GET", url: `${s.url}/missing`, headers: {} });
    expect(missing.status).toBe(404);
  });

  it("reuses one keep-alive connection for sequential requests", async () => {
    let connections = 0;
    const raw: Server = createServer((_req, res) => res.end("ok"));
    raw.on("connection", () => connections++);
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          raw.closeAllConnections();
          raw.close(() => resolve());
        }),
    );
    const { port } = raw.address() as AddressInfo;
    const c = client();
    for (let i = 0; i < 5; i++) {
      const response = await c.request({ method: "GET", url: `http://127.0.0.1:${port}/`, headers: {} });
      expect(response.body.toString()).toBe("ok");
      // undici returns the socket to the pool just after the body ends.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(connections).toBe(1);
  });

  it("connects through the guarded DNS lookup for names (localhost)", async () => {
    const s = await server((_req, res) => void res.end("hi"));
    const response = await client().request({ method: "GET", url: `http://localhost:${s.port}/`, headers: {} });
    expect(response.body.toString()).toBe("hi");
  });

  it("refuses hosts the connector did not declare before connecting", async () => {
    const s = await server((_req, res) => void res.end("no"));
    const error = await failure(
      client({ allowedHosts: ["api.example.com"] }).request({ method: "GET", url: `${s.url}/x`, headers: {} }),
    );
    expect(error.code).toBe(ErrorCodes.HOST_NOT_ALLOWED);
    expect(error.message).toContain(`GET ${s.url}/x`);
    expect(s.requests).toHaveLength(0);
  });

  const blockedUrls = [
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://100.100.100.200/",
    "http://metadata.google.internal/computeMetadata/v1/",
  ];
  it.each(blockedUrls)("refuses %s without connecting, even when the host is allowed", async (url) => {
    const host = new URL(url).hostname;
    const c = client({ allowedHosts: [host], connectTimeoutMs: 60_000, requestTimeoutMs: 60_000 });
    const error = await failure(c.request({ method: "GET", url, headers: {} }));
    expect(error.code).toBe(ErrorCodes.ADDRESS_BLOCKED);
    expect(error.message).toContain(`GET ${url}`);
  });

  it("refuses at connect time a name whose DNS answer is a metadata address", async () => {
    const c = client({
      allowedHosts: ["rebind.test"],
      resolve: (_host, _options, callback) => callback(null, [{ address: "169.254.169.254", family: 4 }]),
    });
    const error = await failure(c.request({ method: "GET", url: "http://rebind.test/x", headers: {} }));
    expect(error.code).toBe(ErrorCodes.ADDRESS_BLOCKED);
    expect(error.message).toContain("GET http://rebind.test/x refused: rebind.test resolves to 169.254.169.254");
  });

  it("follows same-origin redirects, turning a 303 after POST into a GET", async () => {
    const s = await server((req, res) => {
      if (req.url === "/start") return void res.writeHead(303, { location: "/middle" }).end();
      if (req.url === "/middle") return void res.writeHead(302, { location: `${s.url}/end` }).end();
      sendJson(res, 200, { method: req.method, body: req.body });
    });
    const response = await client().request({ method: "POST", url: `${s.url}/start`, headers: {}, body: "x=1" });
    expect(JSON.parse(response.body.toString())).toEqual({ method: "GET", body: "" });
    expect(response.url).toBe(`${s.url}/end`);
    expect(s.requests.map((r) => r.url)).toEqual(["/start", "/middle", "/end"]);
  });

  // Another port of the same host, another scheme, another name for it: each another origin.
  const otherHosts = [
    "http://127.0.0.1:PORT/x",
    "https://127.0.0.1:SAME/x",
    "http://localhost:SAME/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://evil.example/",
  ];
  it.each(otherHosts)("refuses a redirect from 127.0.0.1 to %s", async (location) => {
    const s = await server(
      (_req, res) =>
        void res.writeHead(302, { location: location.replace("PORT", "1").replace("SAME", String(s.port)) }).end(),
    );
    const c = client({ allowedHosts: ["127.0.0.1", "localhost", "169.254.169.254", "evil.example"] });
    const error = await failure(c.request({ method: "GET", url: `${s.url}/go`, headers: {} }));
    expect(error.code).toBe(ErrorCodes.REDIRECT_REFUSED);
    expect(error.message).toContain(`GET ${s.url}/go`);
    expect(s.requests).toHaveLength(1);
  });

  it("refuses, before connecting, a URL outside the calling module's hosts", async () => {
    const s = await server((_req, res) => sendJson(res, 200, {}));
    const hosts = { owner: "input", allows: (url: URL) => url.port === "1" };
    const error = await failure(client().request({ method: "GET", url: `${s.url}/x`, headers: {}, hosts }));
    expect(error.code).toBe(ErrorCodes.HOST_NOT_ALLOWED);
    expect(error.message).toBe(
      `GET ${s.url}/x refused: host 127.0.0.1:${s.port} is not declared by the input (its baseUrl or OAuth2 tokenUrl; add others to settings.network.allowHosts)`,
    );
    expect(s.requests).toHaveLength(0);
  });

  it("a URL one module's hosts cleared is still checked against another module's hosts", async () => {
    const s = await server((_req, res) => sendJson(res, 200, {}));
    const c = client();
    const output = { owner: "output", allows: () => true };
    const input = { owner: "input", allows: () => false };
    const url = `${s.url}/same`;
    // The same URL twice: the second request reuses the parsed URL, and the check made for it.
    await c.request({ method: "POST", url, headers: {}, body: "{}", hosts: output });
    await c.request({ method: "POST", url, headers: {}, body: "{}", hosts: output });
    const error = await failure(c.request({ method: "GET", url, headers: {}, hosts: input }));
    expect(error.code).toBe(ErrorCodes.HOST_NOT_ALLOWED);
    expect(error.message).toContain("not declared by the input");
    expect(s.requests).toHaveLength(2);
  });

  it("a body cut off after the status line: an error, or with statusOnly the status and a bodyError", async () => {
    const s = await server((_req, res) => {
      res.writeHead(201, { "content-length": "100", "x-id": "7" });
      res.write("partial");
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const c = client();
    const error = await failure(c.request({ method: "POST", url: `${s.url}/a`, headers: {}, body: "{}" }));
    expect(error.code).toBe(ErrorCodes.HTTP_NETWORK);
    const response = await c.request({ method: "POST", url: `${s.url}/a`, headers: {}, body: "{}", statusOnly: true });
    expect(response).toMatchObject({ status: 201, headers: { "x-id": "7" }, body: Buffer.alloc(0) });
    expect(response.bodyError).toMatch(new RegExp(`^POST ${s.url}/a failed: `));
  });

  it("stops after maxRedirects", async () => {
    const s = await server((req, res) => void res.writeHead(307, { location: `${req.url}x` }).end());
    const error = await failure(client({ maxRedirects: 3 }).request({ method: "GET", url: `${s.url}/r`, headers: {} }));
    expect(error.code).toBe(ErrorCodes.REDIRECT_REFUSED);
    expect(s.requests).toHaveLength(4);
  });

  it("times out a request whose response never completes", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-length": "10" });
      res.write("12345");
    });
    const error = await failure(client().request({ method: "GET", url: `${s.url}/slow`, headers: {}, timeoutMs: 50 }));
    expect(error.code).toBe(ErrorCodes.HTTP_TIMEOUT);
    expect(error.message).toContain(`GET ${s.url}/slow timed out after 50 ms`);
  });

  it("times out a body trickled past a whole-request timeout of more than a second (coarse timer)", async () => {
    const trickles: NodeJS.Timeout[] = [];
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      // A byte every 200 ms: undici's body timeout (between chunks) never fires, only the whole-request one.
      trickles.push(setInterval(() => res.write("x"), 200));
    });
    cleanups.push(async () => trickles.forEach(clearInterval));
    const started = performance.now();
    const error = await failure(
      client().request({ method: "GET", url: `${s.url}/trickle`, headers: {}, timeoutMs: 1200 }),
    );
    const elapsed = performance.now() - started;
    expect(error.code).toBe(ErrorCodes.HTTP_TIMEOUT);
    expect(error.message).toContain("timed out after 1200 ms");
    expect(elapsed).toBeGreaterThanOrEqual(1150);
    // Without the whole-request timeout the 100 bytes would take 20 s: a loose bound keeps CI load harmless.
    expect(elapsed).toBeLessThan(10_000);
  });

  it("reports a refused connection as HTTP_NETWORK keeping undici's error as cause", async () => {
    const s = await server((_req, res) => void res.end());
    await s.close();
    const error = await failure(client().request({ method: "GET", url: `${s.url}/gone`, headers: {} }));
    expect(error.code).toBe(ErrorCodes.HTTP_NETWORK);
    expect(error.message).toContain(`GET ${s.url}/gone failed`);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it.each([
    ["declared", true],
    ["chunked", false],
  ])("refuses a %s body larger than maxResponseBytes", async (_kind, declared) => {
    const s = await server((_req, res) => {
      if (declared) res.setHeader("content-length", "3000");
      res.write("a".repeat(1500));
      res.end("b".repeat(1500));
    });
    const error = await failure(
      client({ maxResponseBytes: 2000 }).request({ method: "GET", url: `${s.url}/big`, headers: {} }),
    );
    expect(error.code).toBe(ErrorCodes.HTTP_RESPONSE_TOO_LARGE);
    expect(error.message).toContain(`GET ${s.url}/big`);
  });

  it("redacts secrets in the URL of error messages", async () => {
    const c = client({ allowedHosts: [], redactor: plainRedactor(["sk-live-123"]) });
    const error = await failure(
      c.request({ method: "GET", url: "http://api.example.com/?key=sk-live-123", headers: {} }),
    );
    expect(error.message).not.toContain("sk-live-123");
    expect(error.message).toContain("key=***");
  });

  it("rate-limits per host through the shared token bucket", async () => {
    const s = await server((_req, res) => void res.end("ok"));
    const clock = fakeClock();
    const c = client({ rateLimit: { requestsPerSecond: 4 }, clock });
    await Promise.all([1, 2, 3].map(() => c.request({ method: "GET", url: `${s.url}/`, headers: {} })));
    expect(clock.sleeps).toEqual([250, 500]);
    expect(s.requests).toHaveLength(3);
  });
});
