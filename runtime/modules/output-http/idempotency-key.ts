import { createHash } from "node:crypto";

/**
 * A stable key for a delivery: sha256 over the connector name and the record keys, in order.
 * JSON array encoding is the separator scheme — ["a","bc"] and ["ab","c"] cannot collide.
 */
export function idempotencyKey(connectorName: string, recordKeys: readonly string[]): string {
  const material = JSON.stringify([connectorName, ...recordKeys]);
  return createHash("sha256").update(material, "utf8").digest("hex").slice(0, 32);
}
