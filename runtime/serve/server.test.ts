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
