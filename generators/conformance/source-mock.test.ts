import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpec } from "../../runtime/contract/spec.js";
import { createHttpInput } from "../../runtime/modules/input-http/http-input.js";
import { collect, harness } from "../../runtime/modules/input-http/test-harness.js";
import { startSourceMock } from "./source-mock.js";

// A list API with room for every pagination's fields: the mock fills the ones the input reads.
const dir = mkdtempSync(path.join(tmpdir(), "conformance-source-"));
const specFile = path.join(dir, "items.yaml");
writeFileSync(
  specFile,
  `openapi: 3.0.3
info: { title: Items, version: "1" }
paths:
  /items:
    get:
      responses:
        "200":
          description: a page
          content:
            application/json:
              schema:
                type: object
                required: [items]
                properties:
                  items: { type: array, items: { $ref: "#/components/schemas/Item" } }
                  next: { type: string, nullable: true }
                  cursor: { type: string, nullable: true }
                  more: { type: boolean }
                  total: { type: integer }
components:
  schemas:
    Item:
      type: object
      additionalProperties: false
      required: [id, qty, updated]
      properties:
        id: { type: string, pattern: "^it-\\\\d{4}$", example: it-0001 }
        qty: { type: integer, minimum: 1, maximum: 9 }
        updated: { type: string, format: date-time }
        note: { type: string, nullable: true, maxLength: 5 }
`,
);
const spec = loadSpec(specFile);
const h = await harness(() => undefined);
afterAll(() => h.close());

/** Reads every page through the runtime's own input module, as a run would. */
async function readAll(fields: Record<string, unknown>, options: { records: number; lastPageEmpty?: boolean }) {
  const input = h.spec({ records: "items", ...fields });
  const mock = await startSourceMock(spec, input, { seed: 3, ...options });
  try {
    const pages = await collect(createHttpInput({ ...input, baseUrl: mock.url }, h.context()).pages(undefined));
    return {
      mock,
      sizes: pages.map((p) => p.records.length),
      ids: pages.flatMap((p) => p.records.map((r) => (r as { id: string }).id)),
    };
  } finally {
    await mock.close();
  }
}

describe("the source mock paginates as the artifact declares", () => {
  it.each([
    ["cursor", { type: "cursor", cursorPath: "cursor", cursorParam: "after", limitParam: "limit", limit: 4 }],
    [
      "cursor with has-more",
      { type: "cursor", cursorPath: "cursor", cursorParam: "after", limit: 4, limitParam: "n", hasMorePath: "more" },
    ],
    ["offset", { type: "offset", limit: 4 }],
    ["page", { type: "page", size: 4, sizeParam: "per_page" }],
    ["nextUrl", { type: "nextUrl", nextUrlPath: "next" }],
    ["linkHeader", { type: "linkHeader" }],
  ])("%s: every record once, in order, pages valid against the response schema", async (_name, pagination) => {
    const pageSize = pagination.type === "nextUrl" || pagination.type === "linkHeader" ? 10 : 4;
    const { mock, sizes, ids } = await readAll({ pagination }, { records: pageSize * 2 + 1 });
    expect(sizes).toEqual([pageSize, pageSize, 1]);
    expect(ids).toEqual(mock.records.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe("it-0001");
    expect(mock.problems).toEqual([]);
  });

  it("lastPageEmpty: the page with the last records says more follow, an empty page ends the list", async () => {
    const pagination = { type: "cursor", cursorPath: "cursor", cursorParam: "after", limitParam: "limit", limit: 4 };
    const { sizes, mock } = await readAll({ pagination }, { records: 8, lastPageEmpty: true });
    // The input yields no empty page; the mock saw the request for it.
    expect(sizes).toEqual([4, 4]);
    expect(mock.requests.map((r) => r.records)).toEqual([4, 4, 0]);
  });

  it("honours the incremental param as strictly greater, on a strictly increasing cursor field", async () => {
    const input = h.spec({
      records: "items",
      pagination: { type: "offset", limit: 5 },
      incremental: { cursorField: "updated", param: "since" },
    });
    const mock = await startSourceMock(spec, input, { seed: 1, records: 12 });
    try {
      const updated = mock.records.map((r) => r.updated as string);
      expect([...updated].sort()).toEqual(updated);
      expect(new Set(updated).size).toBe(12);
      const pages = await collect(createHttpInput({ ...input, baseUrl: mock.url }, h.context()).pages(updated[6]));
      expect(pages.flatMap((p) => p.records.map((r) => (r as { updated: string }).updated))).toEqual(updated.slice(7));
    } finally {
      await mock.close();
    }
  });

  it("answers a fault instead of the Nth page request, then serves the page on the retry", async () => {
    const input = h.spec({ records: "items", pagination: { type: "offset", limit: 5 } });
    const mock = await startSourceMock(spec, input, { seed: 1, records: 7, faults: [{ request: 2, status: 503 }] });
    try {
      const pages = await collect(
        createHttpInput({ ...input, baseUrl: mock.url }, h.context({ retry: { initialDelayMs: 1 } })).pages(undefined),
      );
      expect(pages.map((p) => p.records.length)).toEqual([5, 2]);
      expect(mock.requests.map((r) => r.status)).toEqual([200, 503, 200]);
    } finally {
      await mock.close();
    }
  });
});
