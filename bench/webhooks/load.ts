import autocannon from "autocannon";

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Ids answered 202 (stored): each must reach the sink. */
  accepted: number[];
  /** Responses that were neither 202 nor 200, and connection errors/timeouts. */
  failed: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * `connections` keep-alive connections post for `seconds`, each delivery with a fresh id (header and
 * body), so every 202 names one record the sink must see.
 */
export async function postDeliveries(url: string, connections: number, seconds: number, firstId: number) {
  let next = firstId;
  const accepted: number[] = [];
  let failed = 0;
  const result = await autocannon({
    url: `${url}/hooks/bench`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest(request, context) {
          const id = next++;
          (context as { id?: number }).id = id;
          return {
            ...request,
            headers: { "content-type": "application/json", "x-delivery-id": `bench-${id}` },
            body: JSON.stringify({ id, kind: "order.created", total: id % 1000 }),
          };
        },
        onResponse(status, _body, context) {
          if (status === 202) accepted.push((context as { id: number }).id);
          else failed++;
        },
      },
    ],
  });
  const summary: LoadResult = {
    connections,
    seconds: result.duration,
    accepted,
    failed: failed + result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
  return { summary, nextId: next };
}
