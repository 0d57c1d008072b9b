import autocannon from "autocannon";

export interface SpreadLoad {
  /** Ids answered 202 (stored): each must reach the sink. */
  accepted: number[];
  failed: number;
  seconds: number;
  p99: number;
}

/**
 * `connections` keep-alive connections in all, shared out over the workers' URLs, for `seconds`;
 * each delivery has a fresh id and goes to one of the connectors in turn.
 */
export async function postSpread(urls: string[], connectors: string[], connections: number, seconds: number) {
  let next = 1;
  const accepted: number[] = [];
  let failed = 0;
  const perWorker = Math.max(1, Math.round(connections / urls.length));
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url,
        connections: perWorker,
        duration: seconds,
        requests: [
          {
            method: "POST",
            setupRequest(request, context) {
              const id = next++;
              (context as { id?: number }).id = id;
              return {
                ...request,
                path: `/hooks/${connectors[id % connectors.length]}`,
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
      }),
    ),
  );
  const load: SpreadLoad = {
    accepted,
    failed: failed + results.reduce((sum, r) => sum + r.errors, 0),
    seconds: Math.max(...results.map((r) => r.duration)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
  return load;
}
