import autocannon from "autocannon";
import { afterAll, describe, expect, it } from "vitest";
import { startServe, type ServeUnderTest } from "../bench/webhooks/serve.js";
import { type Sink, startSink } from "../bench/webhooks/sink.js";

const REQUESTS = 2_000;
const CONNECTIONS = 50;

/**
 * Request n of the load: mostly fresh deliveries; every 10th resends the id (and body) of request
 * n - 5, so one of the two copies is answered 202 and the other 200 "duplicate" (which one depends
 * on which arrives first: both may be in flight); every 23rd is not JSON and must be refused.
 */
function requestFor(n: number): { deliveryId: number; body: string } {
  if (n % 23 === 0) return { deliveryId: n, body: `{"id": ${n},` };
  const deliveryId = n % 10 === 0 && (n - 5) % 23 !== 0 ? n - 5 : n;
  return { deliveryId, body: JSON.stringify({ id: deliveryId, kind: "order.created" }) };
}

describe("cannectors serve: webhook deliveries under load", () => {
  let serve: ServeUnderTest | undefined;
  let sink: Sink | undefined;
  afterAll(async () => {
    await serve?.stop();
    await sink?.close();
  });

  it(`${REQUESTS} requests on ${CONNECTIONS} connections: the sink gets exactly the deliveries answered 202, each once`, async () => {
    sink = await startSink();
    serve = await startServe(sink.url);
    const statuses = new Map<number, number>();
    let next = 1;
    const result = await autocannon({
      url: `${serve.url}/hooks/bench`,
      connections: CONNECTIONS,
      amount: REQUESTS,
      timeout: 20,
      requests: [
        {
          method: "POST",
          setupRequest(request, context) {
            const n = next++;
            const { deliveryId, body } = requestFor(n);
            (context as { n?: number }).n = n;
            const headers = { "content-type": "application/json", "x-delivery-id": `bench-${deliveryId}` };
            return { ...request, headers, body };
          },
          onResponse(status, _body, context) {
            statuses.set((context as { n: number }).n, status);
          },
        },
      ],
    });
    expect(result.errors + result.timeouts).toBe(0);
    expect(statuses.size).toBe(REQUESTS);

    const answersById = new Map<number, number[]>();
    for (const [n, status] of statuses) {
      if (n % 23 === 0) {
        expect({ n, status }).toEqual({ n, status: 400 });
        continue;
      }
      const { deliveryId } = requestFor(n);
      answersById.set(deliveryId, [...(answersById.get(deliveryId) ?? []), status].sort());
    }
    const accepted = new Set<number>();
    for (const [id, answers] of answersById) {
      // One copy stored (202), any other copy a duplicate (200).
      expect({ id, answers }).toEqual({ id, answers: answers.length === 1 ? [202] : [200, 202] });
      accepted.add(id);
    }
    const received = sink.received;
    // Polled gently (serve is still sending); on a timeout, the comparison below names what is missing.
    for (const deadline = Date.now() + 45_000; Date.now() < deadline; ) {
      if ([...accepted].every((id) => received.has(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Settle a moment: a late duplicate or a record never accepted would show up here.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...received.keys()].sort((a, b) => a - b)).toEqual([...accepted].sort((a, b) => a - b));
    expect([...received.values()].filter((count) => count !== 1)).toEqual([]);
  }, 90_000);
});
