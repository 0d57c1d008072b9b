import autocannon from "autocannon";
import { type DeliveryTally, deliveryRequests } from "../support/hook-load.js";

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
  const tally: DeliveryTally = { next: 1, accepted: [], failed: 0 };
  const perWorker = Math.max(1, Math.round(connections / urls.length));
  const pathFor = (id: number) => `/hooks/${connectors[id % connectors.length]}`;
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({ url, connections: perWorker, duration: seconds, requests: deliveryRequests(tally, pathFor) }),
    ),
  );
  const load: SpreadLoad = {
    accepted: tally.accepted,
    failed: tally.failed + results.reduce((sum, r) => sum + r.errors, 0),
    seconds: Math.max(...results.map((r) => r.duration)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
  return load;
}
