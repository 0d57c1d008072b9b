import { afterEach, describe, expect, it } from "vitest";
import { isCannectorsError } from "../runtime/errors/index.js";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { runYaml } from "./support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function artifact(source: string, target: string, pathParams: string): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: issues }
input:
  type: http
  baseUrl: ${source}/api
  path: /repos/{owner}/{repo}/issues
  pathParams: ${pathParams}
  query: { state: open }
output: { type: http, baseUrl: ${target}, path: /sink }
settings: { retries: { maxAttempts: 1 } }
`;
}

describe("input path parameters fill the request path, one segment each", () => {
  it("a constant and an environment value, percent-encoded by the one URL rule", async () => {
    const source = await startServer((_req, res) => sendJson(res, 200, [{ id: 1 }, { id: 2 }]));
    const target = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(source, target);
    const { summary } = await runYaml(artifact(source.url, target.url, '{ owner: "octo cat", repo: "${env:REPO}" }'), {
      env: { REPO: "a/b?c#d" },
    });
    expect(summary.status).toBe("succeeded");
    expect(source.requests.map((r) => r.url)).toEqual(["/api/repos/octo%20cat/a%2Fb%3Fc%23d/issues?state=open"]);
    expect(target.requests).toHaveLength(2);
  });

  it("an environment value that would remove a segment fails before any request", async () => {
    const source = await startServer((_req, res) => sendJson(res, 200, []));
    servers.push(source);
    let caught: unknown;
    try {
      await runYaml(artifact(source.url, "http://127.0.0.1:9", '{ owner: octo, repo: "${env:REPO}" }'), {
        env: { REPO: ".." },
      });
    } catch (error) {
      caught = error;
    }
    expect(isCannectorsError(caught, "CANNECTORS_E_CONFIG_INVALID")).toBe(true);
    expect(String(caught)).toMatch(/input\.pathParams\.repo "\$\{env:REPO\}" = "\.\." \(from REPO\) is "\.\.", which would remove a path segment/);
    expect(source.requests).toHaveLength(0);
  });
});
