/**
 * The run whose compiled code the build caches (write-code-cache.ts): a plain YAML connector as
 * users start with (paged HTTP input, a condition, a map with expressions, batched HTTP output),
 * against two servers on 127.0.0.1 in the build's own process, with a state file of its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface WarmUp {
  /** The CLI arguments after `cannectors`. */
  runArgs: string[];
  /** How many records the target received. */
  received(): number;
  close(): Promise<void>;
  cleanUp(): void;
}

const RECORDS = Array.from({ length: 4 }, (_, i) => ({
  id: i + 1,
  email: ` User${i}@Example.test `,
  status: i === 3 ? "inactive" : "active",
  balance: "12.50",
  created_at: "2024-01-02T03:04:05Z",
  tags: ["vip"],
  address: { city: "Lyon" },
}));

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

export async function startWarmUp(): Promise<WarmUp> {
  let received = 0;
  const source = createServer((req, res) => {
    const second = req.url?.includes("cursor=2") === true;
    res.setHeader("content-type", "application/json");
    const page = second ? RECORDS.slice(2) : RECORDS.slice(0, 2);
    res.end(JSON.stringify({ data: page, next_cursor: second ? null : "2", has_more: !second }));
  });
  const target = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      received += (JSON.parse(body) as { clients: unknown[] }).clients.length;
      res.statusCode = 201;
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
  });
  const [sourceUrl, targetUrl] = await Promise.all([listen(source), listen(target)]);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-cache-"));
  const connector = path.join(dir, "warm-up.yaml");
  writeFileSync(connector, connectorYaml(sourceUrl, targetUrl));
  const runArgs = ["run", connector, "--json", "--state", path.join(dir, "state.db"), "--log-level", "warn"];
  return {
    runArgs,
    received: () => received,
    close: async () => {
      await Promise.all([source, target].map((server) => new Promise((resolve) => server.close(resolve))));
    },
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const connectorYaml = (sourceUrl: string, targetUrl: string) => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: code-cache-warm-up
  version: 1.0.0
input:
  type: http
  baseUrl: ${sourceUrl}
  path: /customers
  pagination:
    type: cursor
    cursorPath: next_cursor
    cursorParam: cursor
    limitParam: limit
    limit: 2
    hasMorePath: has_more
  records: data
filters:
  - type: condition
    if: record.status != "inactive"
  - type: map
    fields:
      - { target: client_id, from: id }
      - { target: email, expr: lower(trim(record.email)) }
      - { target: label, expr: 'concat("CRM-", string(record.id))' }
      - { target: segment, expr: 'lookup({"active": "STANDARD"}, record.status, "OTHER")' }
      - { target: balance_cents, expr: toCents(record.balance) }
      - { target: since, expr: 'formatDate(parseDate(record.created_at, "iso"), "yyyy-MM-dd")' }
      - { target: vip, expr: '"vip" in record.tags' }
      - { target: city, from: address.city }
output:
  type: http
  baseUrl: ${targetUrl}
  path: /clients/batch
  method: POST
  batch:
    size: 10
    wrap: clients
`;
