/**
 * A run SIGKILLed after the output acknowledged a record and before the stream entry was
 * acknowledged (the `after-ack-before-commit` failpoint): the entry, pending for this consumer, is read
 * again by the next run and appended again with its first idempotency key (Redis keeps both copies:
 * the key is what lets a consumer drop one). Runs the built CLI (`npm run build` first).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect } from "vitest";
import { brokerIt, uniqueName } from "../support/brokers.js";
import { runYaml } from "../support/run-yaml.js";
import { spawnCli } from "../support/spawn-cli.js";
import { redisAdmin, redisToRedis } from "./redis-support.js";

const it = await brokerIt("redis");
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("redis input → redis output, killed between the output's ack and the broker ack", () => {
  it("redelivers that message once, with the idempotency key it was first published with", async () => {
    const [from, to] = [uniqueName("in"), uniqueName("out")];
    const admin = await redisAdmin();
    cleanups.push(() => admin.close());
    await admin.append(
      from,
      Array.from({ length: 5 }, (_, id) => `{"id":${id},"region":"eu"}`),
    );
    const yaml = redisToRedis({ name: "redis-crash", from, to }).replace("concurrency: 4", "concurrency: 1");
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-redis-crash-"));
    const file = path.join(dir, "connector.yaml");
    writeFileSync(file, yaml);
    const crashed = spawnCli(
      ["run", file, "--state", path.join(dir, "state.db"), "--dead-letter", path.join(dir, "dead.ndjson")],
      { CANNECTORS_FAILPOINT: "after-ack-before-commit" },
    );
    const exit = await crashed.exited;
    expect(exit.signal, exit.stderr).toBe("SIGKILL");
    // The first record was appended; its source entry was not acknowledged.
    expect((await admin.read(to)).map((m) => JSON.parse(m.fields.body!).id)).toEqual([0]);
    const { summary } = await runYaml(yaml);
    expect(summary.status).toBe("succeeded");
    const out = (await admin.read(to)).map((m) => ({
      id: JSON.parse(m.fields.body!).id as number,
      key: m.fields["Idempotency-Key"]!,
    }));
    const first = out.filter((m) => m.id === 0);
    expect(first).toHaveLength(2);
    expect(first[1]!.key).toBe(first[0]!.key);
    expect(out.map((m) => m.id).sort()).toEqual([0, 0, 1, 2, 3, 4]);
    expect(await admin.outstanding(from, "relay")).toBe(0);
  }, 60_000);
});
