import { afterEach, describe, expect, it } from "vitest";
import { sendJson } from "../../../../test/support/http-server.js";
import type { SourcePage } from "../../../engine/modules.js";
import { collect, collectError, type Harness, harness } from "../test-harness.js";
import { createChildrenInput } from "./children-input.js";
import type { Children } from "./schema.js";
import { decodeChildrenState } from "./state.js";
import { ordersApi, ordersHandler } from "./test-support.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CHILDREN = {
  path: "/orders/{order_id}/items",
  params: { order_id: "id", customer: "customer.id" },
  records: "data",
  pagination: { type: "page", size: 2, sizeParam: "size" },
  carry: { order_id: "id", "order.updated": "updated_at" },
};

function input(children: Record<string, unknown> = {}, parent: Record<string, unknown> = {}) {
  const spec = h!.spec({
    path: "/orders",
    records: "data",
    pagination: { type: "page", size: 3, sizeParam: "size" },
    ...parent,
  });
  const withChildren = { ...spec, children: { ...h!.spec({ children: { ...CHILDREN, ...children } }).children! } };
  return createChildrenInput(withChildren as typeof withChildren & { children: Children }, h!.context());
}

const skus = (pages: SourcePage[]) =>
  pages.filter((p) => p.failures === undefined).flatMap((p) => p.records.map((r) => (r as { sku: string }).sku));
const childPaths = (harness: Harness) =>
  harness.server.requests.map((r) => r.url).filter((url) => url.startsWith("/orders/"));

describe("dependent requests", () => {
  it("pages both levels and yields children in parent order, then child page order, carrying parent fields", async () => {
    const api = ordersApi(5, 3);
    h = await harness(ordersHandler(api));
    const pages = await collect(input().pages(undefined));
    expect(skus(pages)).toEqual(api.orders.flatMap((o) => api.items.get(o.id)!.map((i) => i.sku)));
    // 2 parent pages of 3 (and an empty third), 2 child pages per parent (2 + 1 items, then an empty one).
    expect(harness_parentPages(h)).toEqual(["1", "2"]);
    expect(childPaths(h).filter((u) => u.startsWith("/orders/o1/"))).toEqual([
      "/orders/o1/items?customer=100&page=1&size=2",
      "/orders/o1/items?customer=100&page=2&size=2",
    ]);
    expect(pages[0]!.records[0]).toEqual({
      sku: "o1-i1",
      created: "t1",
      order_id: "o1",
      order: { updated: "2026-01-01" },
    });
    expect(pages.map((p) => p.number)).toEqual(pages.map((_, i) => i + 1));
    expect(pages.every((p) => p.cursor === undefined)).toBe(true);
  });

  it("fetches the children of one parent page at most `concurrency` at a time, order unchanged", async () => {
    const api = ordersApi(6, 1);
    let running = 0;
    let most = 0;
    // Later parents answer sooner: the order must still be the parents' order.
    api.override = async (_req, res, id) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 60 - Number(id.slice(1)) * 8));
      running--;
      sendJson(res, 200, { data: api.items.get(id) });
      return true;
    };
    h = await harness(ordersHandler(api));
    const pages = await collect(
      input({ concurrency: 2, pagination: { type: "none" } }, { pagination: { type: "none" } }).pages(undefined),
    );
    expect(skus(pages)).toEqual(["o1-i1", "o2-i1", "o3-i1", "o4-i1", "o5-i1", "o6-i1"]);
    expect(most).toBe(2);
  });

  it("makes a parent whose child keeps failing that parent's dead letter, naming it and the cause; the others go on", async () => {
    const api = ordersApi(3, 2);
    api.override = (_req, res, id) => {
      if (id !== "o2") return false;
      sendJson(res, 503, { error: "items down" });
      return true;
    };
    h = await harness(ordersHandler(api));
    const pages = await collect(input().pages(undefined));
    expect(skus(pages)).toEqual(["o1-i1", "o1-i2", "o3-i1", "o3-i2"]);
    const failed = pages.find((p) => p.failures !== undefined)!;
    expect(failed.records).toEqual([api.orders[1]]);
    const failure = failed.failures!.get(0)!;
    expect(failure.reason).toContain('parent 2 of input page 1 (id "o2"): child request failed: input page 1 (GET ');
    expect(failure.reason).toContain("status 503 after 3 attempts");
    expect(JSON.parse(failure.source)).toEqual(api.orders[1]);
    // Retried as any page is, then given up: o2's requests are the three attempts only.
    expect(childPaths(h).filter((u) => u.startsWith("/orders/o2/"))).toHaveLength(3);
  });

  it("refuses a parent value that would not be one path segment ('..', empty): that parent's failure, nothing sent", async () => {
    const api = ordersApi(3, 1);
    api.orders[0]!.id = "..";
    api.orders[2]!.id = "";
    h = await harness(ordersHandler(api));
    const pages = await collect(input({ pagination: { type: "none" } }).pages(undefined));
    expect(skus(pages)).toEqual(["o2-i1"]);
    const reasons = pages.flatMap((p) => [...(p.failures?.values() ?? [])].map((f) => f.reason));
    expect(reasons).toEqual([
      'parent 1 of input page 1 (id ".."): no child request: path placeholder {id} is ".." in the parent, which would remove a path segment',
      'parent 3 of input page 1 (id ""): no child request: path placeholder {id} is empty in the parent (an empty path segment)',
    ]);
    expect(childPaths(h)).toEqual(["/orders/o2/items?customer=101"]);
  });

  it("keeps a child cursor per parent and the parent cursor, ties never split", async () => {
    const api = ordersApi(4, 3);
    api.orders[2]!.updated_at = api.orders[1]!.updated_at;
    h = await harness(ordersHandler(api));
    const incremental = { cursorField: "created", param: "since" };
    const parent = { incremental: { cursorField: "updated_at", param: "since" } };
    const pages = await collect(input({ incremental }, parent).pages(undefined));
    const cursors = pages.flatMap((p) => (p.cursor === undefined ? [] : [decodeChildrenState(p.cursor)]));
    // The parent cursor moves to a value only once a parent with a later value comes, then to the last at the end.
    expect(cursors.map((c) => c.parent)).toEqual([undefined, "2026-01-01", "2026-01-01", "2026-01-02", "2026-01-04"]);
    expect(Object.fromEntries(cursors.at(-1)!.children)).toEqual({ o1: "t3", o2: "t3", o3: "t3", o4: "t3" });

    // The next run: one new item on o2, a new order o5; each parent asks after its own cursor.
    api.items.get("o2")!.push({ sku: "o2-i4", created: "t4" });
    api.orders.push({ id: "o5", updated_at: "2026-01-05", customer: { id: 105 } });
    api.items.set("o5", [{ sku: "o5-i1", created: "t1" }]);
    h.server.requests.length = 0;
    const saved = pages.at(-1)!.cursor;
    const next = await collect(
      input({ incremental, key: "id" }, { incremental: { ...parent.incremental } }).pages(saved),
    );
    expect(skus(next)).toEqual(["o5-i1"]);
    expect(h.server.requests[0]!.url).toContain("since=2026-01-04");

    // Without the parent cursor every parent is listed again: o2 gets its new item only.
    const everyParent = await collect(input({ incremental }).pages(saved));
    expect(skus(everyParent)).toEqual(["o2-i4", "o5-i1"]);
    expect(h.server.requests.some((r) => r.url === "/orders/o2/items?customer=101&page=1&size=2&since=t3")).toBe(true);
  });

  it("stops fetching children when the page stream fails, and reports the parent page's error", async () => {
    h = await harness((req, res) => sendJson(res, req.url.startsWith("/orders?") ? 400 : 200, { data: [] }));
    const { error } = await collectError(input().pages(undefined));
    expect(String(error)).toContain("status 400");
  });
});

function harness_parentPages(harness: Harness): string[] {
  return harness.server.requests
    .filter((r) => r.url.startsWith("/orders?"))
    .map((r) => new URL(r.url, "http://x").searchParams.get("page")!)
    .filter((page) => page !== "3");
}
