import { describe, expect, it } from "vitest";
import { createReadiness } from "./health.js";
import { createApp } from "./server.js";

function app(state: "starting" | "ready" | "draining") {
  const readiness = createReadiness();
  if (state !== "starting") readiness.ready();
  if (state === "draining") readiness.draining();
  const receiver = { path: "/hooks/in", handle: async () => new Response("taken", { status: 202 }) };
  return createApp({
    readiness,
    metrics: () => "# metrics\n",
    receiver: (p) => (p === receiver.path ? receiver : undefined),
  });
}

describe("serve HTTP routes", () => {
  it.each([
    { state: "starting", path: "/readyz", method: "GET", status: 503 },
    { state: "ready", path: "/readyz", method: "GET", status: 200 },
    { state: "draining", path: "/readyz", method: "GET", status: 503 },
    { state: "draining", path: "/healthz", method: "GET", status: 200 },
    { state: "ready", path: "/metrics", method: "GET", status: 200 },
    { state: "ready", path: "/hooks/in", method: "POST", status: 202 },
    { state: "draining", path: "/hooks/in", method: "POST", status: 503 },
    { state: "ready", path: "/hooks/other", method: "POST", status: 404 },
  ] as const)("$method $path while $state answers $status", async ({ state, path, method, status }) => {
    const response = await app(state).request(path, { method });
    expect(response.status).toBe(status);
  });
});

describe("/readyz with a job engine", () => {
  it("answers 503 while the engine's database does not, 200 again once it does", async () => {
    const readiness = createReadiness();
    let reachable = false;
    readiness.dependsOn(async () => reachable);
    readiness.ready();
    const routes = createApp({ readiness, metrics: () => "", receiver: () => undefined });
    const down = await routes.request("/readyz");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "job engine unreachable" });
    reachable = true;
    expect((await routes.request("/readyz")).status).toBe(200);
    expect((await routes.request("/healthz")).status).toBe(200);
  });
});
