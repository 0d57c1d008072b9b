import { afterEach, describe, expect, it } from "vitest";
import { type Handler, type RecordedRequest, sendJson, startServer, type TestServer } from "./support/http-server.js";
import { runYaml } from "./support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const env = {
  IN_TOKEN: "in-bearer-5521",
  IN_KEY: "in-key-8830",
  IN_COOKIE: "session=in-cookie-4410",
  OUT_TOKEN: "out-bearer-7734",
};
const INPUT_SECRETS = ["in-bearer-5521", "in-key-8830", "in-cookie-4410"];

async function server(handler: Handler): Promise<TestServer> {
  const started = await startServer(handler);
  servers.push(started);
  return started;
}

/** Every credential of the input found anywhere in what a server received. */
function inputSecretsSeenBy(server: TestServer): string[] {
  const text = JSON.stringify(server.requests.map((r: RecordedRequest) => [r.url, r.headers, r.body]));
  return INPUT_SECRETS.filter((secret) => text.includes(secret));
}

async function run(options: { source: string; target: string; pagination?: string; settings?: string }) {
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: scope }
input:
  type: http
  baseUrl: ${options.source}
  path: /items
  records: items
  pagination: ${options.pagination ?? "{ type: none }"}
  auth: { type: bearer, token: "\${env:IN_TOKEN}" }
  headers: { X-Api-Key: "\${env:IN_KEY}", Cookie: "\${env:IN_COOKIE}", Accept: application/json }
output:
  type: http
  baseUrl: ${options.target}
  path: /sink
  batch: { size: 10 }
  auth: { type: bearer, token: "\${env:OUT_TOKEN}" }
settings:
  retries: { maxAttempts: 1 }
${options.settings ?? ""}`;
  const { summary, dead } = await runYaml(yaml, { env });
  return { summary, dead: dead.join("\n") };
}

const page = (items: unknown[], extra: Record<string, unknown> = {}) => ({ items, ...extra });

describe("the input's credentials go only to the input's origin", () => {
  it("a nextUrl pointing at the output's origin is refused; the output never sees the input's credentials", async () => {
    const target = await server((_req, res) => sendJson(res, 200, page([{ id: "planted" }])));
    const source = await server((_req, res) =>
      sendJson(res, 200, page([{ id: 1 }], { next: `${target.url}/items?page=2` })),
    );
    const { summary } = await run({
      source: source.url,
      target: target.url,
      pagination: "{ type: nextUrl, nextUrlPath: next }",
    });
    expect(inputSecretsSeenBy(target)).toEqual([]);
    expect(target.requests.filter((r) => r.method === "GET")).toEqual([]);
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/not declared by the input/);
  });

  it("a Link header pointing at the output's origin is refused the same way", async () => {
    const target = await server((_req, res) => sendJson(res, 200, page([{ id: "planted" }])));
    const source = await server((_req, res) =>
      sendJson(res, 200, page([{ id: 1 }]), { link: `<${target.url}/items?page=2>; rel="next"` }),
    );
    const { summary } = await run({ source: source.url, target: target.url, pagination: "{ type: linkHeader }" });
    expect(inputSecretsSeenBy(target)).toEqual([]);
    expect(summary.status).toBe("failed");
  });

  it("a redirect to the same hostname on another port (the output's origin) is refused, credentials never follow", async () => {
    const target = await server((_req, res) => sendJson(res, 200, page([{ id: "planted" }])));
    const source = await server((_req, res) => {
      res.writeHead(302, { location: `${target.url}/items` }).end();
    });
    const { summary } = await run({ source: source.url, target: target.url });
    expect(inputSecretsSeenBy(target)).toEqual([]);
    expect(target.requests).toEqual([]);
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/redirected to another origin/);
  });

  it("a same-origin redirect is still followed with the credentials", async () => {
    const target = await server((_req, res) => sendJson(res, 200, { ok: true }));
    const source = await server((req, res) => {
      if (req.url === "/items") res.writeHead(301, { location: "/v2/items" }).end();
      else sendJson(res, 200, page([{ id: 1 }]));
    });
    const { summary } = await run({ source: source.url, target: target.url });
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 1 } });
    expect(source.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/items", "Bearer in-bearer-5521"],
      ["/v2/items", "Bearer in-bearer-5521"],
    ]);
  });

  it("a nextUrl on a host declared in settings.network.allowHosts is fetched without any of the input's credentials", async () => {
    const target = await server((_req, res) => sendJson(res, 200, { ok: true }));
    const cdn = await server((_req, res) => sendJson(res, 200, page([{ id: 2 }])));
    const source = await server((_req, res) => sendJson(res, 200, page([{ id: 1 }], { next: `${cdn.url}/pages/2` })));
    const { summary } = await run({
      source: source.url,
      target: target.url,
      pagination: "{ type: nextUrl, nextUrlPath: next }",
      settings: `  network: { allowHosts: ["127.0.0.1:${cdn.port}"] }\n`,
    });
    expect(summary).toMatchObject({ status: "succeeded", counts: { read: 2, sent: 2 } });
    expect(cdn.requests).toHaveLength(1);
    expect(inputSecretsSeenBy(cdn)).toEqual([]);
    expect(cdn.requests[0]!.headers).not.toHaveProperty("authorization");
    expect(cdn.requests[0]!.headers).not.toHaveProperty("x-api-key");
    expect(cdn.requests[0]!.headers).not.toHaveProperty("cookie");
    expect(cdn.requests[0]!.headers.accept).toBe("application/json");
    // The source itself got them all.
    expect(inputSecretsSeenBy(source)).toEqual(INPUT_SECRETS);
  });
});

describe("the output's credentials and records go only to the output's origin", () => {
  it("a 307 from the target to the input's origin (same hostname, other port) is refused: no token, no record there", async () => {
    const source = await server((req, res) => {
      if (req.method === "GET") sendJson(res, 200, page([{ id: 1 }]));
      else sendJson(res, 200, { ok: true });
    });
    const target = await server((_req, res) => {
      res.writeHead(307, { location: `${source.url}/collect` }).end();
    });
    const { summary, dead } = await run({ source: source.url, target: target.url });
    const posts = source.requests.filter((r) => r.method !== "GET");
    expect(posts).toEqual([]);
    expect(JSON.stringify(source.requests)).not.toContain("out-bearer-7734");
    expect(summary.counts).toMatchObject({ sent: 0, failed: 1 });
    expect(dead).toMatch(/redirected to another origin/);
  });
});
