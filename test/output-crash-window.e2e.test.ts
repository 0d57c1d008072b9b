import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./support/http-server.js";
import { items, startPagedSource } from "./support/paged-source.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const BATCH = 10;
const CONCURRENCY = 2;

/** Two HTTP outputs keyed on the record id, batches of 10; `slow` answers late, so `fast` acknowledges first. */
const leaf = (url: string, path: string) =>
  `{ type: http, baseUrl: ${url}, path: ${path}, batch: { size: ${BATCH} }, idempotency: { key: record.id } }`;
const SHAPES = {
  fanout: (fast: string, slow: string) =>
    `  type: fanout\n  outputs:\n    - output: ${leaf(fast, "/a")}\n    - output: ${leaf(slow, "/b")}\n`,
  // Odd and even items alternate, so every batch has records for both routes.
  routes: (fast: string, slow: string) =>
    `  type: routes\n  routes:\n    - when: int(record.id.substring(3)) % 2 == 1\n      output: ${leaf(fast, "/a")}\n  default: ${leaf(slow, "/b")}\n`,
};

async function pipeline(shape: keyof typeof SHAPES, count: number) {
  const data = items(count);
  const source = await startPagedSource(data, 50);
  // What each target has acknowledged (answered 200 to): a request still waiting when the run dies is not in it.
  const acked = { a: [] as RecordedRequest[], b: [] as RecordedRequest[] };
  const fast = await startServer((req, res) => {
    acked.a.push(req);
    sendJson(res, 200, { ok: true });
  });
  const slow = await startServer(async (req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The run died while this request waited: its answer reaches no one, it is not acknowledged.
    if (res.socket === null || res.socket.destroyed) return;
    acked.b.push(req);
    sendJson(res, 200, { ok: true });
  });
  servers.push(source, fast, slow);
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-outputs-window-"));
  const file = path.join(dir, "connector.yaml");
  writeFileSync(
    file,
    `apiVersion: cannectors.dev/v1
kind: Connector
metadata: { name: outputs-window }
input:
  type: http
  baseUrl: ${source.url}
  path: /items
  pagination: { type: cursor, cursorPath: next, cursorParam: cursor }
  records: items
  incremental: { cursorField: updated, param: since }
output:
${SHAPES[shape](fast.url, slow.url)}settings:
  concurrency: ${CONCURRENCY}
  retries: { maxAttempts: 3, initialDelay: 10ms, maxDelay: 50ms }
`,
  );
  const args = ["run", file, "--state", path.join(dir, "state.db"), "--dead-letter", path.join(dir, "dead.ndjson")];
  const expected = (which: "a" | "b") =>
    shape === "fanout"
      ? data.map((d) => d.id)
      : data.filter((_, i) => (i % 2 === 0) === (which === "a")).map((d) => d.id);
  return { fast, slow, acked, args, expected };
}

interface Sent {
  key: string;
  ids: string[];
}
const sent = (requests: RecordedRequest[]): Sent[] =>
  requests.map((r) => ({
    key: String(r.headers["idempotency-key"]),
    ids: (JSON.parse(r.body) as { id: string }[]).map((x) => x.id),
  }));

describe("routes and fan-out: a SIGKILL between two outputs' acknowledgements", () => {
  it.each(["fanout", "routes"] as const)(
    "%s: after a rerun every output has every record; duplicates stay within concurrency x batch and carry their first key",
    async (shape) => {
      const { fast, slow, acked, args, expected } = await pipeline(shape, 100);
      // The 3rd time one output has acknowledged a batch while the other has not.
      const killed = await runCli(args, { env: { CANNECTORS_FAILPOINT: "between-output-acks:3" } });
      expect(killed.signal, killed.stderr).toBe("SIGKILL");

      const rerun = await runCli([...args, "--json"], {});
      expect(rerun.code, rerun.stderr).toBe(0);
      for (const [server, which] of [
        [fast, "a"],
        [slow, "b"],
      ] as const) {
        // Every record acknowledged by every output it must reach: the cursor never moved past one an output lacked.
        const have = new Set(sent(acked[which]).flatMap((b) => b.ids));
        expect([...have].sort(), which).toEqual(expected(which));
        const all = sent(server.requests);
        const ids = all.flatMap((b) => b.ids);
        const duplicates = ids.length - new Set(ids).size;
        // The documented bound (docs/artifact.md): the batches in flight and not committed, per output.
        expect(duplicates, which).toBeLessThanOrEqual(CONCURRENCY * BATCH);
        const first = new Map<string, string>();
        for (const batch of all) {
          for (const id of batch.ids) {
            // A record sent again goes in the same batch under the key it first had.
            if (first.has(id)) expect(batch.key, `${which} ${id}`).toBe(first.get(id));
            else first.set(id, batch.key);
          }
        }
      }
      // The window was really hit: the batch one output had and the other had not acknowledged went out again.
      const resent = [fast, slow].map((server) => {
        const ids = sent(server.requests).flatMap((b) => b.ids);
        return ids.length - new Set(ids).size;
      });
      expect(resent.reduce((a, b) => a + b)).toBeGreaterThan(0);
    },
  );
});
