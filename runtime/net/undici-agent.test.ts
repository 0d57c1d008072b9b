import * as undici from "undici";
import { describe, expect, it } from "vitest";
import { Agent, requestWith } from "./undici-agent.js";

describe("undici-agent", () => {
  it("is the Agent class undici's index exports", () => {
    expect(Agent).toBe(undici.Agent);
  });

  it("requestWith is the request undici's index installs on every dispatcher", () => {
    expect(requestWith).toBe(undici.Dispatcher.prototype.request);
  });
});
