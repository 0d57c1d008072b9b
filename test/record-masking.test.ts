import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { runYaml } from "./support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const env = { API_USER: "admin", API_PASS: "pa55-w0rd-9", TENANT: "acme-corp", QUERY_KEY: "qk-7781" };

/** Record values equal to, containing and keyed by every secret and its encoded forms. */
const RECORDS = [
  { id: 1, role: "admin", note: "acme-corp's admin", password: "pa55-w0rd-9", tags: ["admin", "qk-7781"] },
  { id: 2, role: "YWRtaW4=", admin: { "acme-corp": "admin:pa55-w0rd-9" }, basic: "YWRtaW46cGE1NS13MHJkLTk=" },
  { id: 3, role: "acme%2Dcorp", quote: 'admin "acme-corp"', n: 12345678 },
];

async function setUp(targetStatus: number) {
  const source = await startServer((_req, res) => sendJson(res, 200, { items: RECORDS }));
  const target = await startServer((req, res) =>
    // The target echoes what it received, credentials included, in its error body.
    sendJson(res, targetStatus, { error: "rejected", headers: req.headers, body: req.body }),
  );
  servers.push(source, target);
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: masking }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output:
  type: http
  baseUrl: ${target.url}
  path: /members/{role}
  query: { key: "\${env:QUERY_KEY}" }
  headers: { X-Tenant: "\${secret:TENANT}" }
  auth: { type: basic, username: "\${env:API_USER}", password: "\${env:API_PASS}" }
settings:
  retries: { maxAttempts: 1 }
`;
  return { yaml, target };
}

/** The record's own JSON text inside a dead-letter or dry-run line, as written on disk. */
function recordTextIn(line: string, key: "record" | "body"): string {
  const start = line.indexOf(`"${key}":`) + key.length + 3;
  const value = JSON.parse(line)[key];
  return line.slice(start, start + JSON.stringify(value).length);
}

describe("masking never changes a record's values", () => {
  it("dead letters hold each record byte-exact; the secrets in the echoed error are still masked", async () => {
    const { yaml, target } = await setUp(422);
    const { summary, dead: lines } = await runYaml(yaml, { env });
    expect(summary.counts).toMatchObject({ sent: 0, failed: 3 });
    expect(lines.map((line) => recordTextIn(line, "record"))).toEqual(RECORDS.map((r) => JSON.stringify(r)));
    const entries = lines.map((line) => JSON.parse(line) as { reason: string; responseExcerpt: string });
    // The URL in the reason: the record's segment as sent, the query secret masked.
    expect(entries[2]!.reason).toBe(`HTTP 422 from POST ${target.url}/members/acme%252Dcorp?key=***`);
    for (const entry of entries) {
      expect(entry.responseExcerpt).toContain("***");
      for (const secret of ["pa55-w0rd-9", "YWRtaW46cGE1NS13MHJkLTk=", "qk-7781", "acme-corp"]) {
        expect(entry.responseExcerpt).not.toContain(secret);
      }
    }
  });

  it("dry-run bodies and URL segments are byte-exact; auth, secret headers and secret query values are masked", async () => {
    const { yaml, target } = await setUp(200);
    const lines: string[] = [];
    const { summary } = await runYaml(yaml, { env, dryRun: { write: (line) => lines.push(line) } });
    expect(summary.status).toBe("succeeded");
    expect(target.requests).toEqual([]);
    expect(lines.map((line) => recordTextIn(line, "body"))).toEqual(RECORDS.map((r) => JSON.stringify(r)));
    const planned = lines.map((line) => JSON.parse(line) as { url: string; headers: Record<string, string> });
    expect(planned.map((p) => p.url)).toEqual(
      RECORDS.map((r) => `${target.url}/members/${encodeURIComponent(r.role)}?key=***`),
    );
    expect(planned[0]!.headers).toMatchObject({ authorization: "***", "x-tenant": "***" });
    for (const { url, headers } of planned) {
      const secretSide = JSON.stringify({ url, headers });
      for (const secret of ["pa55-w0rd-9", "qk-7781", "acme-corp", "YWRtaW46cGE1NS13MHJkLTk="]) {
        expect(secretSide).not.toContain(secret);
      }
    }
  });
});
