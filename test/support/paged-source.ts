import type { ServerResponse } from "node:http";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./http-server.js";

export interface SourceItem {
  id: string;
  name: string;
  updated: string;
}

export function items(count: number): SourceItem[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `it-${String(i + 1).padStart(5, "0")}`,
    name: `Item ${i + 1}`,
    updated: `2025-01-01T00:00:${String(i).padStart(5, "0")}Z`,
  }));
}

/**
 * A cursor-paginated source (`?cursor=N`, `?since=` strictly greater on `updated`) whose page
 * answers can be overridden, to plant faults on a given page.
 */
export function startPagedSource(
  data: SourceItem[],
  pageSize: number,
  override?: (page: number, req: RecordedRequest, res: ServerResponse) => boolean,
): Promise<TestServer> {
  return startServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const since = url.searchParams.get("since");
    const rows = since ? data.filter((d) => d.updated > since) : data;
    const offset = Number(url.searchParams.get("cursor") ?? 0);
    const page = offset / pageSize + 1;
    if (override?.(page, req, res)) return;
    const next = offset + pageSize < rows.length ? String(offset + pageSize) : null;
    sendJson(res, 200, { items: rows.slice(offset, offset + pageSize), next });
  });
}

export function pagedArtifact(options: {
  name: string;
  source: string;
  target: string;
  output?: string;
  settings?: string;
  pageSize?: number;
}): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${options.name}
input:
  type: http
  baseUrl: ${options.source}
  path: /items
  pagination: { type: cursor, cursorPath: next, cursorParam: cursor }
  records: items
  incremental: { cursorField: updated, param: since }
filters:
  - type: map
    fields:
      - { target: id, from: id }
      - { target: label, expr: upper(record.name) }
output:
  type: http
  baseUrl: ${options.target}
${options.output ?? "  path: /sink\n  batch: { size: 10 }\n"}settings:
  retries: { maxAttempts: 3, initialDelay: 10ms, maxDelay: 50ms }
${options.settings ?? ""}`;
}
