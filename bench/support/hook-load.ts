import type autocannon from "autocannon";

/** What the deliveries of one load came to, across every autocannon instance that shares it. */
export interface DeliveryTally {
  /** The id the next delivery gets. */
  next: number;
  /** Ids answered 202 (stored): each must reach the sink. */
  accepted: number[];
  /** Responses other than 202 (connection errors/timeouts are autocannon's `errors`). */
  failed: number;
}

/**
 * autocannon's request list for posting webhook deliveries: each one has a fresh id (header and
 * body), so every 202 names one record the sink must see. `pathFor` picks the hook per id; without
 * it the request keeps the path of autocannon's url.
 */
export function deliveryRequests(tally: DeliveryTally, pathFor?: (id: number) => string): autocannon.Request[] {
  return [
    {
      method: "POST",
      setupRequest(request, context) {
        const id = tally.next++;
        (context as { id?: number }).id = id;
        return {
          ...request,
          ...(pathFor ? { path: pathFor(id) } : {}),
          headers: { "content-type": "application/json", "x-delivery-id": `bench-${id}` },
          body: JSON.stringify({ id, kind: "order.created", total: id % 1000 }),
        };
      },
      onResponse(status, _body, context) {
        if (status === 202) tally.accepted.push((context as { id: number }).id);
        else tally.failed++;
      },
    },
  ];
}
