/** Test support for the Redis Streams tests: streams of their own, appended and read back with ioredis. */
import { Redis } from "ioredis";
import { BROKERS } from "../support/brokers.js";
import { relayYaml } from "./relay-yaml.js";

export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

export async function redisAdmin() {
  const client = new Redis(BROKERS.redis.url);
  const keys: string[] = [];
  return {
    async append(stream: string, bodies: string[]) {
      keys.push(stream);
      for (let i = 0; i < bodies.length; i += 1_000) {
        const pipeline = client.pipeline();
        for (const body of bodies.slice(i, i + 1_000)) pipeline.xadd(stream, "*", "body", body);
        await pipeline.exec();
      }
    },
    async read(stream: string): Promise<StreamEntry[]> {
      keys.push(stream);
      const rows = await client.xrange(stream, "-", "+");
      return rows.map(([id, flat]) => {
        const fields: Record<string, string> = {};
        for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
        return { id, fields };
      });
    },
    /**
     * Appends `bodies` and delivers them to `consumer` in one transaction (a blocked reader of the
     * group cannot take them first): pending to it, never seen by it, as entries read into a
     * connection that was cut before the reply arrived.
     */
    async deliverUnseen(stream: string, group: string, consumer: string, bodies: string[]) {
      const transaction = client.multi();
      for (const body of bodies) transaction.xadd(stream, "*", "body", body);
      transaction.xreadgroup("GROUP", group, consumer, "COUNT", bodies.length, "STREAMS", stream, ">");
      await transaction.exec();
    },
    /** Entries of `group` not yet delivered plus those delivered and not acknowledged: 0 once all were acknowledged. */
    async outstanding(stream: string, group: string): Promise<number> {
      const groups = (await client.call("XINFO", "GROUPS", stream)) as unknown[][];
      const info = groups.map((row) => Object.fromEntries(pairs(row))).find((g) => g.name === group);
      return Number(info?.pending ?? 0) + Number(info?.lag ?? 0);
    },
    async close() {
      if (keys.length > 0) await client.del(...keys);
      client.disconnect();
    },
  };
}

function pairs(row: unknown[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (let i = 0; i + 1 < row.length; i += 2) out.push([String(row[i]), row[i + 1]]);
  return out;
}

/** A connector from stream `from` (group `group`) to stream `to`, with an idempotency key. */
export function redisToRedis(options: {
  name: string;
  from: string;
  to: string;
  inUrl?: string;
  outUrl?: string;
  batch?: number;
}) {
  return relayYaml({
    name: options.name,
    input: `  type: redis\n  url: ${options.inUrl ?? BROKERS.redis.url}\n  stream: ${options.from}\n  group: relay`,
    output: `  type: redis\n  url: ${options.outUrl ?? BROKERS.redis.url}\n  stream: ${options.to}`,
    batch: options.batch,
  });
}
