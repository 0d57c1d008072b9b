import { afterEach, describe, expect, it } from "vitest";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "../../../test/support/http-server.js";
import { runYaml } from "../../../test/support/run-yaml.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const COMPANIES: Record<string, { id: string; name: string; vat: string }> = {
  c1: { id: "c1", name: "Acme", vat: "FR1" },
  c2: { id: "c2", name: "Globex", vat: "DE2" },
  c3: { id: "c3", name: "Initech", vat: "US3" },
};

/** Two pages of orders; `companies` repeat across and within pages so a cache has something to spare. */
async function source(orders: { id: number; company_id: unknown }[][]) {
  const server = await startServer((req, res) => {
    const page = Number(new URL(req.url, "http://x").searchParams.get("page") ?? 0);
    sendJson(res, 200, { items: orders[page] ?? [], next: page + 1 < orders.length ? String(page + 1) : null });
  });
  servers.push(server);
  return server;
}

async function lookupServer(answer: (req: RecordedRequest) => { status: number; body: unknown }) {
  const server = await startServer((req, res) => {
    const { status, body } = answer(req);
    sendJson(res, status, body);
  });
  servers.push(server);
  return server;
}

async function sink() {
  const server = await startServer((_req, res) => sendJson(res, 200, {}));
  servers.push(server);
  return server;
}

function yaml(src: string, dst: string, enrich: string, batch = 100): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: enrich-test }
input:
  type: http
  baseUrl: ${src}
  path: /orders
  records: items
  pagination: { type: cursor, cursorPath: next, cursorParam: page }
filters:
  - type: enrich
${enrich
  .trim()
  .split("\n")
  .map((line) => `    ${line}`)
  .join("\n")}
output: { type: http, baseUrl: ${dst}, path: /sink, batch: { size: ${batch} } }
settings:
  retries: { maxAttempts: 2, initialDelay: 1ms, maxDelay: 2ms }
`;
}

const sent = (server: TestServer) => server.requests.flatMap((r) => JSON.parse(r.body) as Record<string, unknown>[]);

const byPath = (req: RecordedRequest) => {
  const id = decodeURIComponent(req.url.split("/").pop()!);
  const company = COMPANIES[id];
  return company ? { status: 200, body: { data: company } } : { status: 404, body: { error: "no such company" } };
};

describe("enrich", () => {
  it("merges each answer under `into`, in input order, asking the server once per company (the cache)", async () => {
    const src = await source([
      [
        { id: 1, company_id: "c1" },
        { id: 2, company_id: "c2" },
        { id: 3, company_id: "c1" },
      ],
      [
        { id: 4, company_id: "c2" },
        { id: 5, company_id: "c3" },
      ],
    ]);
    const api = await lookupServer(byPath);
    const dst = await sink();
    const { summary } = await runYaml(
      yaml(
        src.url,
        dst.url,
        `baseUrl: ${api.url}\npath: /companies/{company_id}\nrecords: data\ninto: company\ncache: { ttl: 5m, maxEntries: 100 }\nconcurrency: 3`,
      ),
    );
    expect(summary.status).toBe("succeeded");
    expect(sent(dst).map((r) => [r.id, (r.company as { name: string }).name])).toEqual([
      [1, "Acme"],
      [2, "Globex"],
      [3, "Acme"],
      [4, "Globex"],
      [5, "Initech"],
    ]);
    // c1 and c2 are asked once though they appear on both pages: page 2 reads them from the cache.
    expect(api.requests.map((r) => r.url).sort()).toEqual(["/companies/c1", "/companies/c2", "/companies/c3"]);
  });

  it("without a cache asks again on the next page, and maps chosen fields", async () => {
    const src = await source([[{ id: 1, company_id: "c1" }], [{ id: 2, company_id: "c1" }]]);
    const api = await lookupServer(byPath);
    const dst = await sink();
    await runYaml(
      yaml(
        src.url,
        dst.url,
        `baseUrl: ${api.url}\npath: /companies/{company_id}\nfields:\n  - { target: company_name, from: data.name }\n  - { target: tax.vat, from: data.vat }`,
      ),
    );
    expect(sent(dst)).toEqual([
      { id: 1, company_id: "c1", company_name: "Acme", tax: { vat: "FR1" } },
      { id: 2, company_id: "c1", company_name: "Acme", tax: { vat: "FR1" } },
    ]);
    expect(api.requests.map((r) => r.url)).toEqual(["/companies/c1", "/companies/c1"]);
  });

  it("bulk form: one request per maxBatch keys, answers matched back by key", async () => {
    const src = await source([
      [
        { id: 1, company_id: "c3" },
        { id: 2, company_id: "c1" },
        { id: 3, company_id: "c2" },
        { id: 4, company_id: "c1" },
      ],
    ]);
    const api = await lookupServer((req) => {
      const ids = new URL(req.url, "http://x").searchParams.get("ids")!.split(",");
      // Answered in another order than asked: matching is by key, not by position.
      return { status: 200, body: { data: ids.reverse().flatMap((id) => (COMPANIES[id] ? [COMPANIES[id]] : [])) } };
    });
    const dst = await sink();
    await runYaml(
      yaml(
        src.url,
        dst.url,
        `baseUrl: ${api.url}\npath: /companies\nbulk: { param: ids, key: company_id, match: id, maxBatch: 2, records: data }\ninto: company`,
      ),
    );
    expect(sent(dst).map((r) => [r.id, (r.company as { name: string }).name])).toEqual([
      [1, "Initech"],
      [2, "Acme"],
      [3, "Globex"],
      [4, "Acme"],
    ]);
    expect(api.requests.map((r) => decodeURIComponent(r.url))).toEqual(["/companies?ids=c3,c1", "/companies?ids=c2"]);
  });

  const failing = [
    { id: 1, company_id: "c1" },
    { id: 2, company_id: "nope" },
    { id: 3, company_id: ".." },
    { id: 4, company_id: "c2" },
  ];

  it("onFailure deadLetter: a 404 and a `..` key are those records' dead letters, with position and cause", async () => {
    const src = await source([failing]);
    const api = await lookupServer(byPath);
    const dst = await sink();
    const { summary, dead } = await runYaml(
      yaml(
        src.url,
        dst.url,
        `baseUrl: ${api.url}\npath: /companies/{company_id}\nrecords: data\ninto: company\nonFailure: deadLetter`,
      ),
    );
    expect(sent(dst).map((r) => r.id)).toEqual([1, 4]);
    const entries = dead.map((line) => JSON.parse(line) as { seq: number; reason: string; record: { id: number } });
    expect(entries.map((e) => [e.seq, e.record.id])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(entries[0]!.reason).toContain("HTTP 404");
    expect(entries[1]!.reason).toContain('".."');
    // Nothing was sent for the `..` key: the path rule refuses it before any request.
    expect(api.requests.map((r) => r.url).sort()).toEqual(["/companies/c1", "/companies/c2", "/companies/nope"]);
    expect(summary.counts).toMatchObject({ read: 4, sent: 2, failed: 2 });
  });

  it("onFailure skip passes the record unenriched; default merges the given value", async () => {
    for (const [onFailure, expected] of [
      ["skip", undefined],
      ["{ default: { name: unknown } }", { name: "unknown" }],
    ] as const) {
      const src = await source([failing]);
      const api = await lookupServer(byPath);
      const dst = await sink();
      const { dead } = await runYaml(
        yaml(
          src.url,
          dst.url,
          `baseUrl: ${api.url}\npath: /companies/{company_id}\nrecords: data\ninto: company\nonFailure: ${onFailure}`,
        ),
      );
      expect(dead).toEqual([]);
      const records = sent(dst);
      expect(records.map((r) => r.id)).toEqual([1, 2, 3, 4]);
      expect(records[1]!.company).toEqual(expected);
      expect(records[2]!.company).toEqual(expected);
      expect(records[3]!.company).toEqual(COMPANIES.c2);
    }
  });

  it("retries a 503 as the retry policy says, then merges", async () => {
    const src = await source([[{ id: 1, company_id: "c1" }]]);
    let calls = 0;
    const api = await lookupServer((req) => (++calls === 1 ? { status: 503, body: {} } : byPath(req)));
    const dst = await sink();
    const { summary } = await runYaml(
      yaml(src.url, dst.url, `baseUrl: ${api.url}\npath: /companies/{company_id}\nrecords: data\ninto: company`),
    );
    expect(api.requests).toHaveLength(2);
    expect(summary.counts.retries).toBe(1);
    expect(sent(dst)[0]!.company).toEqual(COMPANIES.c1);
  });

  it("a dry run looks up (reads) and shows the output request with the enriched record, sending nothing", async () => {
    const src = await source([[{ id: 1, company_id: "c2" }]]);
    const api = await lookupServer(byPath);
    const dst = await sink();
    const lines: string[] = [];
    const { summary } = await runYaml(
      yaml(
        src.url,
        dst.url,
        `baseUrl: ${api.url}\npath: /companies/{company_id}\nrecords: data\nfields: [{ target: company, from: name }]`,
      ),
      { dryRun: { write: (line) => lines.push(line) } },
    );
    expect(summary.dryRun).toBe(true);
    expect(dst.requests).toEqual([]);
    expect(api.requests.map((r) => r.url)).toEqual(["/companies/c2"]);
    expect(lines.map((line) => (JSON.parse(line) as { body: unknown }).body)).toEqual([
      [{ id: 1, company_id: "c2", company: "Globex" }],
    ]);
  });

  it("a baseUrl from the environment that is not a URL is a configuration error before any request", async () => {
    const src = await source([[{ id: 1, company_id: "c1" }]]);
    const dst = await sink();
    const text = yaml(src.url, dst.url, "baseUrl: ${env:CRM_URL}\npath: /companies/{company_id}\ninto: company");
    const { validateArtifact } = await import("../../validate/index.js");
    const { runConnector } = await import("../../engine/run.js");
    const { openStateStore } = await import("../../state/index.js");
    const { artifact } = validateArtifact(text, "enrich.yaml");
    const store = openStateStore(":memory:");
    try {
      await expect(runConnector({ artifact: artifact!, store, env: { CRM_URL: "crm.local" } })).rejects.toThrow(
        /filters\.0\.baseUrl .*\(from CRM_URL\) is not an absolute http\(s\) URL/,
      );
      expect(src.requests).toEqual([]);
    } finally {
      store.close();
    }
  });
});
