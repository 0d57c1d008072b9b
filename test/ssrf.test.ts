import { mkdtempSync } from "node:fs";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConnector } from "../runtime/engine/run.js";
import type { LookupFunction } from "../runtime/net/address-guard.js";
import { openStateStore } from "../runtime/state/index.js";
import { validateArtifact } from "../runtime/validate/index.js";

/** A loopback server that counts TCP connections and requests: the test's connection guard. */
async function guardServer(handler: RequestListener) {
  const seen = { connections: 0, requests: [] as string[] };
  const server = createServer((req, res) => {
    seen.requests.push(req.url ?? "");
    handler(req, res);
  });
  server.on("connection", () => {
    seen.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { port, seen, close };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An injected DNS: each name answers from its queue (the last answer repeats); every question is logged. */
function fakeDns(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    asked.push(hostname);
    const queue = answers[hostname];
    const address = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
    if (address === undefined) {
      callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "");
      return;
    }
    callback(null, [{ address, family: address.includes(":") ? 6 : 4 }]);
  };
  return { asked, lookup };
}

async function run(yaml: string, resolve: LookupFunction) {
  const { artifact, diagnostics } = validateArtifact(yaml, "ssrf.yaml");
  expect(diagnostics).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-ssrf-"));
  const store = openStateStore(path.join(dir, "state.db"));
  try {
    return await runConnector({ artifact: artifact!, store, env: {}, resolve, deadLetterPath: path.join(dir, "dl") });
  } finally {
    store.close();
  }
}

function artifact(source: string, pagination: string, settings = ""): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: ssrf }
input:
  type: http
  baseUrl: ${source}
  path: /items
  records: items
  pagination: ${pagination}
output:
  type: http
  baseUrl: http://127.0.0.1:9
  path: /sink
  batch: { size: 100 }
settings:
  retries: { maxAttempts: 2, initialDelay: 10ms, maxDelay: 10ms }
${settings}`;
}

const HOSTILE = (port: number) => [
  "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
  "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
  `http://0x7f000001:${port}/items?page=2`,
  `http://0.0.0.0:${port}/items?page=2`,
  "http://metadata.google.internal/computeMetadata/v1/",
  "file:///etc/passwd",
  `gopher://api.test:${port}/_GET%20/items`,
];

describe("SSRF: URLs handed out by a source are refused before any connection", () => {
  for (const via of ["nextUrl", "redirect"] as const) {
    it.each(HOSTILE(0).map((_, index) => index))(`via ${via}: hostile URL #%i`, async (index) => {
      let target = "";
      const guard = await guardServer((req, res) => {
        if (req.url !== "/items") {
          res.writeHead(500).end("followed");
        } else if (via === "redirect") {
          res.writeHead(302, { location: target }).end();
        } else {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ items: [{ id: 1 }], next: target }));
        }
      });
      closers.push(guard.close);
      target = HOSTILE(guard.port)[index]!;
      const dns = fakeDns({ "api.test": ["127.0.0.1"] });
      const pagination = via === "nextUrl" ? "{ type: nextUrl, nextUrlPath: next }" : "{ type: none }";
      const summary = await run(artifact(`http://api.test:${guard.port}`, pagination), dns.lookup);
      expect(summary.status).toBe("failed");
      expect(summary.error).toMatch(/refused|link-local|only http and https|redirected to another origin/);
      // Only the first page was fetched: one connection, one request, one DNS question.
      expect(guard.seen.requests).toEqual(["/items"]);
      expect(guard.seen.connections).toBe(1);
      expect(dns.asked).toEqual(["api.test"]);
    });
  }

  it.each(["169.254.169.254", "[::ffff:a9fe:a9fe]", "0.0.0.0", "metadata.google.internal"])(
    "even declared in settings.network.allowHosts, %s is refused by the address guard",
    async (host) => {
      const guard = await guardServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ items: [{ id: 1 }], next: `http://${host}:${guard.port}/items?page=2` }));
      });
      closers.push(guard.close);
      const dns = fakeDns({ "api.test": ["127.0.0.1"] });
      const settings = `  network: { allowHosts: ["${host}"] }\n`;
      const yaml = artifact(`http://api.test:${guard.port}`, "{ type: nextUrl, nextUrlPath: next }", settings);
      const summary = await run(yaml, dns.lookup);
      expect(summary.status).toBe("failed");
      expect(summary.error).toMatch(/link-local or cloud-metadata address/);
      expect(guard.seen.connections).toBe(1);
      expect(dns.asked).toEqual(["api.test"]);
    },
  );
});

describe("SSRF: a name whose DNS answer changes to a metadata address", () => {
  it.each(["169.254.169.254", "::ffff:169.254.169.254", "fe80::1"])(
    "first 127.0.0.1, then %s: refused at connect time, the guard sees one connection",
    async (rebound) => {
      const guard = await guardServer((req, res) => {
        // No keep-alive: the next page needs a new connection, hence a new DNS answer.
        res.writeHead(200, { "content-type": "application/json", connection: "close" });
        const page = Number(new URL(req.url ?? "/", "http://x").searchParams.get("cursor") ?? 0);
        res.end(JSON.stringify({ items: [{ id: page }], next: String(page + 1) }));
      });
      closers.push(guard.close);
      const dns = fakeDns({ "rebind.test": ["127.0.0.1", rebound] });
      const pagination = "{ type: cursor, cursorPath: next, cursorParam: cursor }";
      const summary = await run(artifact(`http://rebind.test:${guard.port}`, pagination), dns.lookup);
      expect(summary.status).toBe("failed");
      expect(summary.error).toContain(`rebind.test resolves to ${rebound}`);
      expect(guard.seen.connections).toBe(1);
      expect(dns.asked).toEqual(["rebind.test", "rebind.test"]);
    },
  );
});

describe("SSRF: hostile URLs written into the artifact", () => {
  it.each(["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://127.0.0.1/"])(
    "%s as baseUrl is a schema error, before anything runs",
    (url) => {
      const { diagnostics } = validateArtifact(artifact(url, "{ type: none }"), "ssrf.yaml");
      expect(diagnostics.map((d) => `${d.path} ${d.code}`)).toContain("input.baseUrl CANNECTORS_E_SCHEMA");
    },
  );

  it.each(["http://169.254.169.254", "http://[::ffff:a9fe:a9fe]", "http://0.0.0.0:1"])(
    "%s as baseUrl is refused without a DNS question or a connection",
    async (url) => {
      const dns = fakeDns({});
      const summary = await run(artifact(url, "{ type: none }"), dns.lookup);
      expect(summary.status).toBe("failed");
      expect(summary.error).toMatch(/link-local or cloud-metadata address/);
      expect(dns.asked).toEqual([]);
    },
  );
});
