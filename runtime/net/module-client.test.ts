import { describe, expect, it } from "vitest";
import { moduleClient } from "./module-client.js";
import type { HttpClient, HttpRequest } from "./types.js";

// The shared client is replaced by one that records what reaches it: this checks the wrapper alone
// (http-client.test.ts checks the refusal itself against a real server).
function recordingShared(seen: HttpRequest[]): HttpClient {
  return {
    request: async (request) => {
      seen.push(request);
      return { status: 200, headers: {}, body: Buffer.alloc(0), url: request.url };
    },
    pauseHost: () => {},
    close: async () => {},
  };
}

describe("moduleClient", () => {
  it("every request reaches the shared client with the module's hosts", async () => {
    const seen: HttpRequest[] = [];
    const client = moduleClient(recordingShared(seen), "output", ["api.example"]);
    const foreign = { owner: "input", allows: () => true };
    await client.request({ method: "GET", url: "https://api.example/a", headers: {} });
    await client.request({ method: "GET", url: "https://api.example/b", headers: {}, hosts: foreign });
    expect(seen.map((request) => request.hosts)).toEqual([client.hosts, client.hosts]);
    expect(client.hosts?.owner).toBe("output");
    expect(client.hosts?.allows(new URL("https://api.example/x"))).toBe(true);
    expect(client.hosts?.allows(new URL("https://other.example/x"))).toBe(false);
  });

  it("a request already carrying the module's hosts goes as it is, not copied", async () => {
    const seen: HttpRequest[] = [];
    const client = moduleClient(recordingShared(seen), "output", ["api.example"]);
    const request = { method: "POST", url: "https://api.example/a", headers: {}, hosts: client.hosts };
    await client.request(request);
    expect(seen[0]).toBe(request);
  });
});
