/**
 * The poison-message scenario shared by the broker inputs whose dead letter is the run's own file
 * (NATS, Redis): 20 messages, the target never answers record 7, three runs each stopped once the
 * poison has been seen again; the third run also gets two good messages, so it is partial.
 */
import { expect } from "vitest";
import { startServer } from "../support/http-server.js";
import { runYaml } from "../support/run-yaml.js";

export interface PoisonCase {
  /** Connector name, e.g. `nats-poison`. */
  name: string;
  /** The connector's `input:` block (indented lines under `input:`), with `redeliveryLimit: 1`. */
  input: string;
  /** Puts these bodies on the input's stream. */
  publish(bodies: string[]): Promise<unknown>;
  /** Messages the input's consumer (or group) has not acknowledged yet. */
  outstanding(): Promise<number>;
  /** `body(id)` of the test file: the record as the broker carries it. */
  body(id: number): string;
  cleanups: (() => Promise<unknown>)[];
}

export async function expectPoisonDeadLettered(c: PoisonCase): Promise<void> {
  await c.publish(Array.from({ length: 20 }, (_, i) => c.body(i)));
  // The target never answers for record 7: each run is stopped with it unacknowledged.
  const seen = new Map<number, number>();
  const sink = await startServer((req, res) => {
    const id = JSON.parse(req.body).id as number;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (id === 7) return;
    res.writeHead(200).end("{}");
  });
  c.cleanups.push(() => sink.close());
  const yaml = `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: ${c.name}
input:
${c.input}
  idleAfter: 500ms
output:
  type: http
  baseUrl: ${sink.url}
  path: /sink
settings:
  concurrency: 4
  timeouts:
    request: 60s
`;
  const runs: { status: string; dead: string[] }[] = [];
  for (let run = 0; run < 3; run++) {
    // The last run has good messages too: one whose every record failed would be a failed run, this one is partial.
    if (run === 2) await c.publish([c.body(20), c.body(21)]);
    const controller = new AbortController();
    const poisonBefore = seen.get(7) ?? 0;
    const watch = setInterval(() => {
      if ((seen.get(7) ?? 0) > poisonBefore && seen.size >= 20) controller.abort(new Error("poisoned"));
    }, 50);
    const { summary, dead } = await runYaml(yaml, {
      signal: controller.signal,
      drainTimeoutMs: 200,
      logSinks: [(e) => (process.env.DEBUG_BROKER ? console.log(e.message, JSON.stringify(e.fields ?? e)) : undefined)],
    });
    clearInterval(watch);
    runs.push({ status: summary.status, dead });
    if (process.env.DEBUG_BROKER) console.log(run, summary.status, summary.counts, dead, [...seen]);
  }
  // Delivered, redelivered once (the limit), then over the limit: the dead-letter file (and the broker told).
  expect(seen.get(7)).toBe(2);
  expect(runs[2]!.status).toBe("partial");
  expect(runs[2]!.dead).toHaveLength(1);
  const entry = JSON.parse(runs[2]!.dead[0]!);
  expect(JSON.stringify(entry)).toContain("over the limit of 1");
  expect(JSON.stringify(entry)).toContain('\\"id\\":7');
  for (let id = 0; id < 22; id++) expect(seen.get(id)).toBeGreaterThanOrEqual(1);
  expect(await c.outstanding()).toBe(0);
}
