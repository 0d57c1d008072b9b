import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../test/support/http-server.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { createHttpClient } from "./http-client.js";
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

function client(): HttpClient {
  const c = createHttpClient({
    allowedHosts: ["127.0.0.1"],
    allowLinkLocal: false,
    connectTimeoutMs: 2000,
    requestTimeoutMs: 5000,
  });
  cleanups.push(() => c.close());
  return c;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CannectorsError);
  return (error as CannectorsError).code;
}

/** Resolves once `count` requests have reached the server and are held open. */
function holdingServer(count: number) {
  let arrived = 0;
  let allArrived: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  const held: Array<() => void> = [];
  const start = server((_req, res) => {
    held.push(() => res.end("late"));
    if (++arrived === count) allArrived();
  });
  return {
    start,
    ready,
    release: () => {
      for (const end of held) end();
    },
  };
}

describe("createHttpClient: cancelling through the caller's signal", () => {
  it.each([1, 11, 40])("%i requests in flight on one signal add one abort listener, and abort all", async (n) => {
    const hold = holdingServer(n);
    const s = await hold.start;
    const c = client();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const run = new AbortController();
    try {
      const pending = Array.from({ length: n }, (_, i) =>
        codeOf(c.request({ method: "POST", url: `${s.url}/r${i}`, headers: {}, body: "{}", signal: run.signal })),
      );
      await hold.ready;
      expect(getEventListeners(run.signal, "abort")).toHaveLength(1);
      run.abort(new Error("run cancelled"));
      expect(await Promise.all(pending)).toEqual(Array.from({ length: n }, () => ErrorCodes.CANCELLED));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      hold.release();
    }
  });

  it("cancels before sending when the signal is already aborted", async () => {
    const s = await server((_req, res) => void res.end("ok"));
    const run = new AbortController();
    run.abort(new Error("stop"));
    const code = await codeOf(client().request({ method: "GET", url: `${s.url}/`, headers: {}, signal: run.signal }));
    expect(code).toBe(ErrorCodes.CANCELLED);
    expect(s.requests).toHaveLength(0);
  });

  it("completed requests leave the signal usable: later requests succeed, a later abort cancels the next", async () => {
    const s = await server((_req, res) => void res.end("ok"));
    const c = client();
    const run = new AbortController();
    for (let i = 0; i < 3; i++) {
      const response = await c.request({ method: "GET", url: `${s.url}/${i}`, headers: {}, signal: run.signal });
      expect(response.body.toString()).toBe("ok");
    }
    run.abort(new Error("stop"));
    expect(await codeOf(c.request({ method: "GET", url: `${s.url}/x`, headers: {}, signal: run.signal }))).toBe(
      ErrorCodes.CANCELLED,
    );
  });
});

describe("createHttpClient: the request timeout covers the whole request", () => {
  it("times out a body trickled byte by byte, each byte well within the timeout", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const drip = setInterval(() => res.write("x"), 20);
      res.on("close", () => clearInterval(drip));
    });
    const started = Date.now();
    const code = await codeOf(client().request({ method: "GET", url: `${s.url}/drip`, headers: {}, timeoutMs: 200 }));
    expect(code).toBe(ErrorCodes.HTTP_TIMEOUT);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
