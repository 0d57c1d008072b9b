import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes, isCannectorsError } from "../../runtime/errors/index.js";
import { startServer, type TestServer } from "../../test/support/http-server.js";
import { loadSpec } from "./load-spec.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

describe("loadSpec over http", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(async (req, res) => {
      const path = (req.url.split("?")[0] ?? "").replace(/^\/specs\//, "");
      if (path.includes("..")) {
        res.statusCode = 400;
        res.end();
        return;
      }
      try {
        const text = await readFile(`${fixtures}${path}`, "utf8");
        res.setHeader("content-type", path.endsWith(".json") ? "application/json" : "application/yaml");
        res.end(text);
      } catch {
        res.statusCode = 404;
        res.end("not found");
      }
    });
  });
  afterAll(() => server.close());

  it("resolves external refs relative to the URL", async () => {
    const spec = await loadSpec(`${server.url}/specs/external/main.yaml`);
    const customer = spec.operations[1]?.responses[0]?.schema;
    expect(customer?.properties?.address?.properties?.zip?.description).toBe("Postal code");
    expect(customer?.ref).toBe("schemas/customer.yaml#/Customer");
    expect(spec.source).toBe(`${server.url}/specs/external/main.yaml`);
    const fetched = server.requests.map((r) => r.url);
    expect(fetched).toEqual([
      "/specs/external/main.yaml",
      "/specs/external/schemas/customer.yaml",
      "/specs/external/schemas/address.yaml",
    ]);
  });

  it("reads JSON from a URL", async () => {
    const spec = await loadSpec(`${server.url}/specs/catalog-3.1.json`);
    expect([spec.openapi, spec.operations.length]).toEqual(["3.1", 1]);
  });

  it.each([
    { name: "404", path: "/specs/missing.yaml", code: ErrorCodes.SPEC_UNREADABLE, text: "HTTP 404" },
    {
      name: "broken ref over http",
      path: "/specs/broken-refs.yaml",
      code: ErrorCodes.SPEC_INVALID,
      text: "/specs/broken-refs.yaml#/paths/~1customers",
    },
  ])("$name", async ({ path, code, text }) => {
    const error = await loadSpec(`${server.url}${path}`).catch((e: unknown) => e);
    expect(isCannectorsError(error, code)).toBe(true);
    expect((error as Error).message).toContain(text);
  });
});
