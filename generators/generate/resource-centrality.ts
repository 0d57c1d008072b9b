/**
 * How central a resource is to its API: how many of its operations have it in their path. Connecting
 * GitHub to Stripe, an engineer thinks of users (174 operations) and customers (48) before marketplace
 * plans (4) or account links (1). A mild factor, from 0.6 to 1, relative to the spec's most central
 * resource, so field evidence still decides between comparable operations.
 */
import type { LoadedSpec } from "../openapi/index.js";
import { stem } from "../suggest/index.js";
import { namingSegments } from "./operation-shape.js";

const FLOOR = 0.45;

export interface Centrality {
  factor: number;
  note?: string;
}

const keyOf = (segment: string) => stem(segment.toLowerCase());

/** For a spec: resource name (`customers`, `account_links`) → its centrality. */
function segmentCounts(spec: LoadedSpec): Map<string, number> {
  const counts = new Map<string, number>();
  for (const operation of spec.operations)
    for (const key of new Set(namingSegments(operation.path).map(keyOf))) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** A segment in most paths is the API's namespace (`/crm/…`, `/admin/realms/…`), not a resource. */
export function namespacesIn(spec: LoadedSpec): (segment: string) => boolean {
  const counts = segmentCounts(spec);
  return (segment) => (counts.get(keyOf(segment)) ?? 0) > spec.operations.length / 2;
}

export function centralityIn(spec: LoadedSpec): (resource: string) => Centrality {
  const counts = segmentCounts(spec);
  const namespace = spec.operations.length / 2;
  const most = Math.max(1, ...[...counts.values()].filter((c) => c <= namespace));
  return (resource) => {
    const count = counts.get(keyOf(resource)) ?? 0;
    const share = Math.log(1 + count) / Math.log(1 + most);
    const factor = FLOOR + (1 - FLOOR) * share;
    return share < 0.5
      ? { factor, note: `${resource} is peripheral to its API (${count} operation${count === 1 ? "" : "s"})` }
      : { factor };
  };
}
