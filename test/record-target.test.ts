import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "./support/http-server.js";
import { runYaml } from "./support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A source serving `records` on one page, a target recording every request, a DELETE per record. */
async function deleteEach(records: unknown[]) {
  const source = await startServer((_req, res) => sendJson(res, 200, { items: records }));
  const target = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(source, target);
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: record-target }
input: { type: http, baseUrl: ${source.url}, path: /items, records: items }
output:
  type: http
  baseUrl: ${target.url}/api
  path: /orgs/{org}/members/{id}
  method: DELETE
  query: { confirm: "yes" }
settings:
  retries: { maxAttempts: 1 }
`;
  const { summary, dead } = await runYaml(yaml);
  const entries = dead.map(
    (line) => JSON.parse(line) as { seq: number; record: unknown; reason: string; attempts: number },
  );
  return { summary, requests: target.requests.map((r) => `${r.method} ${r.url}`), dead: entries };
}

describe("a record value never changes the request's target", () => {
  it.each([".", "..", ""])("id %j: the record is dead-lettered with the reason, nothing is sent for it", async (id) => {
    const { summary, requests, dead } = await deleteEach([
      { org: "acme", id },
      { org: "acme", id: "u-2" },
    ]);
    expect(requests).toEqual(["DELETE /api/orgs/acme/members/u-2?confirm=yes"]);
    expect(summary).toMatchObject({ status: "partial", counts: { sent: 1, failed: 1 } });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ record: { org: "acme", id }, attempts: 0 });
    expect(dead[0]!.reason).toMatch(/path placeholder \{id\}/);
  });

  it("values holding /, ?, #, %, .., unicode, spaces and backslashes each fill exactly one segment", async () => {
    const ids = ["a/b", "../x", "x?admin=1", "x#frag", "%2e%2e", "50%", "é 中 😀", "a\\b", "..%2f", "\t", "-1", 42];
    const { summary, requests, dead } = await deleteEach(ids.map((id) => ({ org: "acme", id })));
    expect(dead).toEqual([]);
    expect(summary.counts).toMatchObject({ sent: ids.length, failed: 0 });
    expect(requests).toEqual(
      ids.map((id) => `DELETE /api/orgs/acme/members/${encodeURIComponent(String(id))}?confirm=yes`),
    );
    // The target decodes each path back to exactly the four segments it was built from.
    for (const [index, request] of requests.entries()) {
      const segments = new URL(request.slice("DELETE ".length), "http://x").pathname.split("/").slice(1);
      expect(segments.map(decodeURIComponent)).toEqual(
        ["api", "orgs", "members", String(ids[index])].toSpliced(2, 0, "acme"),
      );
    }
  });

  it("a lone UTF-16 surrogate (no exact URL form) is that record's failure, not the run's", async () => {
    const { summary, requests, dead } = await deleteEach([
      { org: "acme", id: "x\ud800" },
      { org: "acme", id: "u-2" },
    ]);
    expect(requests).toEqual(["DELETE /api/orgs/acme/members/u-2?confirm=yes"]);
    expect(summary.counts).toMatchObject({ sent: 1, failed: 1 });
    expect(dead[0]!.reason).toMatch(/path placeholder \{id\}.*Unicode/);
  });

  it("an org of '..' cannot climb out of /api: dead-lettered, never sent", async () => {
    const { requests, dead } = await deleteEach([{ org: "..", id: "u-1" }]);
    expect(requests).toEqual([]);
    expect(dead[0]!.reason).toMatch(/path placeholder \{org\}/);
  });
});
