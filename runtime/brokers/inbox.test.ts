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
