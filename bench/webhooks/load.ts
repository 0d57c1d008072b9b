import autocannon from "autocannon";
import { type DeliveryTally, deliveryRequests } from "../support/hook-load.js";

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
  const tally: DeliveryTally = { next: firstId, accepted: [], failed: 0 };
  const result = await autocannon({
    url: `${url}/hooks/bench`,
    connections,
    duration: seconds,
    requests: deliveryRequests(tally),
  });
  const summary: LoadResult = {
    connections,
    seconds: result.duration,
    accepted: tally.accepted,
    failed: tally.failed + result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
  return { summary, nextId: tally.next };
}
