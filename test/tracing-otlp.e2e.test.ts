import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./support/http-server.js";

/**
 * OpenTelemetry traces of `cannectors run`, exported over OTLP/HTTP (JSON) to a receiver on
 * loopback that decodes what the real exporter sends: the run's span, a span per page, per batch
 * and per lookup under it, and the W3C traceparent the target receives when `settings.tracing.propagate`.
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number; boolValue?: boolean } }[];
  status?: { code?: number; message?: string };
}

let source: TestServer;
let target: TestServer;
let collector: TestServer;
let dir = "";
const exported: OtlpSpan[] = [];
const delivered: RecordedRequest[] = [];

const artifact = (propagate: boolean, filters = "") => `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: traced
input:
  type: http
  baseUrl: ${source.url}
  path: /customers
  records: data
  pagination: { type: page, pageParam: page, sizeParam: size, size: 2 }
${filters}output:
  type: http
  baseUrl: ${target.url}
  path: /clients
  batch: { size: 2 }
settings:
  tracing: { propagate: ${propagate} }
`;

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.boolValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

const run = (file: string) =>
  runCli(["run", file, "--state", path.join(dir, "state.db")], {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: "cannectors-test" },
    cwd: dir,
  });

beforeAll(async () => {
  source = await startServer((req, res) => {
    const company = /^\/companies\/(\d+)$/.exec(req.url)?.[1];
    if (company) return sendJson(res, 200, { name: `company ${company}` });
    const page = Number(new URL(req.url, "http://x").searchParams.get("page") ?? "1");
    const data = page <= 2 ? [{ id: page * 10 + 1 }, { id: page * 10 + 2 }] : [];
    sendJson(res, 200, { data });
  });
  target = await startServer((req, res) => {
    delivered.push(req);
    sendJson(res, 200, {});
  });
  collector = await startServer((req, res) => {
    expect(req.url).toBe("/v1/traces");
    const body = JSON.parse(req.body) as {
      resourceSpans: { resource: OtlpSpan; scopeSpans: { spans: OtlpSpan[] }[] }[];
    };
    for (const resource of body.resourceSpans) {
      expect(attribute(resource.resource, "service.name")).toBe("cannectors-test");
      for (const scope of resource.scopeSpans) exported.push(...scope.spans);
    }
    sendJson(res, 200, {});
  });
  dir = mkdtempSync(path.join(tmpdir(), "cannectors-otel-"));
  writeFileSync(path.join(dir, "plain.yaml"), artifact(false));
  writeFileSync(path.join(dir, "propagating.yaml"), artifact(true));
  const enrich = `filters:
  - type: enrich
    baseUrl: ${source.url}
    path: /companies/{id}
    into: company
`;
  writeFileSync(path.join(dir, "enriching.yaml"), artifact(false, enrich));
});

afterAll(async () => {
  await Promise.all([source.close(), target.close(), collector.close()]);
});

describe("OTLP traces", () => {
  it("export the run's span with its outcome, and one span per page and per batch under it", async () => {
    const result = await run("plain.yaml");
    expect(result.code, result.stderr).toBe(0);
    const [root, ...others] = [
      exported.find((s) => s.name === "run traced")!,
      ...exported.filter((s) => s.name !== "run traced"),
    ];
    expect(root).toBeDefined();
    expect(attribute(root!, "cannectors.status")).toBe("succeeded");
    expect(attribute(root!, "cannectors.records.sent")).toBe(4);
    const pages = others.filter((s) => s.name === "input GET");
    const batches = others.filter((s) => s.name === "output POST");
    expect(pages).toHaveLength(3);
    expect(batches).toHaveLength(2);
    for (const span of [...pages, ...batches]) {
      expect(span.traceId).toBe(root!.traceId);
      expect(span.parentSpanId).toBe(root!.spanId);
      expect(span.kind).toBe(3); // SPAN_KIND_CLIENT
      expect(attribute(span, "http.response.status_code")).toBe(200);
    }
    expect(String(attribute(pages[0]!, "url.full"))).toContain("/customers");
    // Without `propagate`, the target learns nothing of the trace.
    expect(delivered.every((request) => request.headers.traceparent === undefined)).toBe(true);
  });

  it("with settings.tracing.propagate, each request carries its own span as traceparent", async () => {
    exported.length = 0;
    delivered.length = 0;
    expect((await run("propagating.yaml")).code).toBe(0);
    const batches = exported.filter((s) => s.name === "output POST");
    expect(delivered).toHaveLength(2);
    const parents = delivered.map((request) => request.headers.traceparent);
    expect(parents.sort()).toEqual(batches.map((s) => `00-${s.traceId}-${s.spanId}-01`).sort());
  });

  it("a lookup (an enrich filter's request) is a span under the run, one per record looked up", async () => {
    exported.length = 0;
    delivered.length = 0;
    const result = await run("enriching.yaml");
    expect(result.code, result.stderr).toBe(0);
    const root = exported.find((s) => s.name === "run traced")!;
    const lookups = exported.filter((s) => s.name === "filter GET");
    expect(lookups.map((s) => String(attribute(s, "url.full")).replace(source.url, "")).sort()).toEqual([
      "/companies/11",
      "/companies/12",
      "/companies/21",
      "/companies/22",
    ]);
    for (const span of lookups) {
      expect(span.traceId).toBe(root.traceId);
      expect(span.parentSpanId).toBe(root.spanId);
      expect(attribute(span, "cannectors.module")).toBe("filter");
      expect(attribute(span, "http.response.status_code")).toBe(200);
    }
    expect(JSON.parse(delivered[0]!.body)[0].company).toEqual({ name: "company 11" });
  });
});
