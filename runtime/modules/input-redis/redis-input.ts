import type { Redis } from "ioredis";
import { durationMs } from "../../artifact/common.js";
import { brokerAddress, pause } from "../../brokers/broker-address.js";
import { type BrokerBacklog, Consumption } from "../../brokers/broker-input.js";
import { connectRedis } from "../../brokers/redis-connection.js";
import type { InputModule, ModuleContext } from "../../engine/modules.js";
import { describeError } from "../../errors/index.js";
import type { RedisInput } from "./schema.js";

/** How long one XREADGROUP blocks for new entries: also how long closing waits for it. */
const BLOCK_MS = 1_000;

/** How long a drain waits, idle, for entries pending to this consumer that never reached it: a few reads. */
const BACKLOG_LIMIT_MS = 10 * BLOCK_MS;

type Entry = [id: string, fields: string[]];
type Source = "new" | "pending";

/**
 * Consumes a stream in a consumer group. Entries come from three places: this consumer's own
 * pending entries first (what a stopped or killed run left, and again after a reconnect), entries
 * other consumers left pending longer than `claimIdle` (XAUTOCLAIM), then new entries. An entry is
 * acknowledged (XACK) once its page is settled; a pending one delivered more than the redelivery
 * limit allows goes to the dead-letter file and is acknowledged. Reads block on a connection of
 * their own, so acknowledgements never wait behind them.
 */
export function createRedisInput(
  spec: RedisInput,
  context: Pick<ModuleContext, "logger" | "signal" | "broker" | "pageSize">,
  maxDepth: number | undefined,
  dryRun = false,
): InputModule {
  const address = `${brokerAddress(spec.url)}/${spec.stream}/${spec.group}`;
  const consumption = Consumption.of<string>(address, spec, context, dryRun);
  const { inbox, unsettled } = consumption;
  let reader: Redis | undefined;
  let writer: Redis | undefined;
  let reading: Promise<void> | undefined;
  let ownPending = true;

  const open = async () => {
    reader = await connectRedis(spec.url, `cannectors ${spec.consumer}`);
    writer = await connectRedis(spec.url, `cannectors ${spec.consumer} acks`);
    await reader.xgroup("CREATE", spec.stream, spec.group, "0", "MKSTREAM").catch((error: unknown) => {
      if (!String(error).includes("BUSYGROUP")) throw error;
    });
    reader.on("close", () => {
      if (!consumption.closing) inbox.hold();
    });
    reader.on("ready", () => {
      // What the lost connection delivered and we never saw is in our pending list: read it again.
      ownPending = true;
      inbox.resume();
    });
    // Entries read into a cut connection stay pending to this consumer until claimIdle: a drain reads them again.
    consumption.awaitBacklog(backlogOf(writer, spec), BACKLOG_LIMIT_MS, () => {
      ownPending = true;
    });
    reading = read(reader);
  };

  const read = async (from: Redis) => {
    let claimedAt = 0;
    let cursor = "0";
    for (let room = await consumption.room(); room !== undefined; room = await consumption.room()) {
      try {
        if (ownPending) {
          const entries = await readGroup(from, room, cursor, false);
          if (entries.length === 0) {
            ownPending = false;
            cursor = "0";
          } else cursor = entries.at(-1)![0];
          await receive(from, entries, "pending");
        } else if (Date.now() - claimedAt >= durationMs(spec.claimIdle) / 2) {
          claimedAt = Date.now();
          await receive(from, await claim(from, room), "pending");
        } else {
          await receive(from, await readGroup(from, room, ">", true), "new");
        }
      } catch (error) {
        if (consumption.closing) return;
        context.logger.warn("stream read failed, reading again", { broker: address, error: describeError(error) });
        await pause(250, context.signal);
      }
    }
  };

  const readGroup = async (from: Redis, count: number, id: string, block: boolean): Promise<Entry[]> => {
    const args = ["GROUP", spec.group, spec.consumer, "COUNT", count, ...(block ? ["BLOCK", BLOCK_MS] : [])];
    const reply = (await from.call("XREADGROUP", ...args, "STREAMS", spec.stream, id)) as [string, Entry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  };

  const claim = async (from: Redis, count: number): Promise<Entry[]> => {
    const idle = durationMs(spec.claimIdle);
    const reply = (await from.call(
      "XAUTOCLAIM",
      spec.stream,
      spec.group,
      spec.consumer,
      idle,
      "0-0",
      "COUNT",
      count,
    )) as [string, (Entry | null)[]];
    return reply[1].filter((entry): entry is Entry => entry !== null);
  };

  /** Delivery counts of pending entries, from XPENDING over their id range (new entries are at 1). */
  const deliveries = async (from: Redis, entries: Entry[]): Promise<Map<string, number>> => {
    const rows = (await from.call(
      "XPENDING",
      spec.stream,
      spec.group,
      entries[0]![0],
      entries.at(-1)![0],
      entries.length,
      spec.consumer,
    )) as [string, string, number, number][];
    return new Map(rows.map(([id, , , count]) => [id, count]));
  };

  const receive = async (from: Redis, entries: Entry[], source: Source) => {
    const fresh = entries.filter(([id]) => !unsettled.has(id));
    if (fresh.length === 0) return;
    const counts = source === "pending" ? await deliveries(from, fresh) : undefined;
    for (const [id, fields] of fresh) {
      unsettled.add(id);
      const where = `${address} entry ${id}`;
      const failure = consumption.overLimit((counts?.get(id) ?? 1) - 1, where);
      const body = fieldOf(fields, spec.field);
      const settled = () => consumption.settle(id) && consumption.track(writer!.xack(spec.stream, spec.group, id));
      inbox.push({
        body: Buffer.from(body ?? "", "utf8"),
        settled,
        where,
        failure: failure ?? (body === undefined ? `the entry has no \`${spec.field}\` field` : undefined),
      });
    }
  };

  return consumption.input(
    open,
    { idleMs: durationMs(spec.idleAfter), maxDepth, signal: context.signal },
    {
      stopped: () => reading,
      async release() {
        reader?.disconnect();
        await writer?.quit().catch(() => undefined);
      },
    },
  );
}

function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/** The group's entries not delivered yet (XINFO GROUPS lag) and those pending to this consumer (XPENDING). */
function backlogOf(client: Redis, spec: RedisInput): () => Promise<BrokerBacklog> {
  return async () => {
    const groups = (await client.call("XINFO", "GROUPS", spec.stream)) as unknown[][];
    const group = groups.map(fieldsOf).find((fields) => fields.get("name") === spec.group);
    const pending = (await client.call("XPENDING", spec.stream, spec.group)) as [
      unknown,
      unknown,
      unknown,
      [string, string][] | null,
    ];
    const mine = pending[3]?.find(([consumer]) => consumer === spec.consumer);
    // A lag Redis cannot tell (null, after some deletions) is no reason to wait.
    return { undelivered: Number(group?.get("lag") ?? 0), unacknowledged: Number(mine?.[1] ?? 0) };
  };
}

function fieldsOf(row: unknown[]): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (let i = 0; i + 1 < row.length; i += 2) fields.set(String(row[i]), row[i + 1]);
  return fields;
}
