/**
 * The slow-output drain shared by the broker tests: 30 messages, a prefetch of 10, an output that
 * takes 700 ms per batch of 10 and a drain idle after 300 ms. The reader waits for room longer than
 * the idle time each batch: the drain must still take all 30, since the broker holds them for it.
 */
import { expect } from "vitest";
import { startServer } from "../support/http-server.js";
import { runYaml } from "../support/run-yaml.js";
import { relayYaml } from "./relay-yaml.js";

export const SLOW_OUTPUT_MESSAGES = 30;

export async function expectDrainOutlastsSlowOutput(options: {
  name: string;
  /** The input's lines (indented two spaces); its broker already holds the messages {"id":0..29}. */
  input: string;
  /** Messages the broker still counts for the consumer (not delivered, or not acknowledged). */
  outstanding: () => Promise<number>;
  cleanups: (() => Promise<unknown>)[];
}): Promise<void> {
  const seen = new Set<number>();
  const sink = await startServer(async (req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    for (const record of JSON.parse(req.body) as { id: number }[]) seen.add(record.id);
    res.writeHead(200).end("{}");
  });
  options.cleanups.push(() => sink.close());
  const yaml = relayYaml({
    name: options.name,
    input: options.input,
    output: `  type: http\n  baseUrl: ${sink.url}\n  path: /sink`,
    prefetch: 10,
    batch: 10,
    idleAfter: "300ms",
  });
  const { summary } = await runYaml(yaml);
  expect(summary.error).toBeUndefined();
  expect(seen.size).toBe(SLOW_OUTPUT_MESSAGES);
  expect(await options.outstanding()).toBe(0);
}
