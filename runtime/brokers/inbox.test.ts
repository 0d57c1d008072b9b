import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { Inbox } from "./inbox.js";

const message = (n: number) => ({ body: new TextEncoder().encode(`{"n":${n}}`), settled: () => {}, where: `m${n}` });

async function drain(inbox: Inbox, idleMs: number): Promise<number> {
  let pages = 0;
  for await (const _page of inbox.pages(idleMs, undefined, new AbortController().signal)) pages++;
  return pages;
}

describe("Inbox idle end", () => {
  it("ends after the idle time when the broker holds nothing more for it", async () => {
    const inbox = new Inbox();
    inbox.push(message(1));
    expect(await drain(inbox, 20)).toBe(1);
  });

  it("waits past the idle time while the broker still holds messages that never reached it", async () => {
    const inbox = new Inbox();
    let checks = 0;
    // The broker says "outstanding" twice, then redelivers the lost message.
    inbox.awaitBacklog(async () => {
      checks++;
      if (checks === 2) setTimeout(() => inbox.push(message(2)), 5);
      return checks <= 2;
    }, 1_000);
    inbox.push(message(1));
    expect(await drain(inbox, 20)).toBe(2);
    expect(checks).toBe(3);
  });

  it("gives up on the backlog after its limit, and a failing check ends the wait", async () => {
    const bounded = new Inbox();
    bounded.awaitBacklog(async () => true, 60);
    expect(await drain(bounded, 20)).toBe(0);
    const failing = new Inbox();
    failing.awaitBacklog(async () => Promise.reject(new Error("no info")), 1_000);
    expect(await drain(failing, 20)).toBe(0);
  });
});

describe("Inbox pages of several messages", () => {
  const counted = (n: number, acked: number[]) => ({ ...message(n), settled: () => acked.push(n) });

  it("groups the messages already here into one page, up to the page size, settled with one call", async () => {
    const inbox = new Inbox(undefined, 3);
    const acked: number[] = [];
    for (let n = 1; n <= 5; n++) inbox.push(counted(n, acked));
    const pages = [];
    for await (const page of inbox.pages(20, undefined, new AbortController().signal)) pages.push(page);
    expect(pages.map((page) => page.records)).toEqual([
      [{ n: 1 }, { n: 2 }, { n: 3 }],
      [{ n: 4 }, { n: 5 }],
    ]);
    expect(pages.map((page) => page.flush)).toEqual([false, true]);
    pages[0]!.settled!();
    pages[0]!.settled!();
    expect(acked).toEqual([1, 2, 3]);
  });

  it("fails only the poison message in the middle of a page, and a cut page acknowledges what was read", async () => {
    const inbox = new Inbox(undefined, 10);
    const acked: number[] = [];
    inbox.push(counted(1, acked));
    inbox.push({ ...counted(2, acked), failure: "redelivered 4 times, over the limit of 3" });
    inbox.push({ ...counted(3, acked), body: new TextEncoder().encode("{not json") });
    inbox.push(counted(4, acked));
    const [page] = await firstPage(inbox);
    expect(page!.records).toEqual([{ n: 1 }, {}, {}, { n: 4 }]);
    expect([...page!.failures!.keys()]).toEqual([1, 2]);
    page!.cut!(3);
    page!.settled!();
    expect(acked).toEqual([1, 2, 3]);
  });
});

describe("Inbox pages hold no message bodies", () => {
  it("lets a page's message bodies be collected while the page waits for its settle", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const inbox = new Inbox(undefined, 10);
    const acked: number[] = [];
    // Each body a view into a large chunk, as amqplib hands a message's content over.
    const bodies = [1, 2, 3].map((n) => {
      const text = new TextEncoder().encode(`{"n":${n}}`);
      const chunk = new Uint8Array(1 << 20);
      chunk.set(text);
      const body = chunk.subarray(0, text.length);
      inbox.push({ body, settled: () => acked.push(n), where: `m${n}` });
      return new WeakRef(body);
    });
    const [page] = await firstPage(inbox);
    expect(page!.records).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(bodies.map((body) => body.deref())).toEqual([undefined, undefined, undefined]);
    page!.settled!();
    expect(acked).toEqual([1, 2, 3]);
  });
});

async function firstPage(inbox: Inbox) {
  for await (const page of inbox.pages(20, undefined, new AbortController().signal)) return [page];
  return [];
}
