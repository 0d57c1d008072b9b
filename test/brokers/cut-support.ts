/**
 * The connection-cut scenario shared by the broker tests: the connector reaches the broker
 * through two TCP proxies (input side, output side), both cut once 500 and again once 1,500 records
 * have been sent; the caller checks the broker afterwards.
 */
import { expect } from "vitest";
import { runYaml } from "../support/run-yaml.js";
import { startTcpProxy } from "../support/tcp-proxy.js";

export async function runThroughTwoCuts(options: {
  /** The broker's port on 127.0.0.1 and its URL scheme with any credentials (`nats://`, `amqp://guest:guest@`). */
  port: number;
  scheme: string;
  /** The connector, given the URLs of the input's and the output's proxy. */
  yaml: (inUrl: string, outUrl: string) => string;
  cleanups: (() => Promise<unknown>)[];
}) {
  const [inProxy, outProxy] = [await startTcpProxy(options.port), await startTcpProxy(options.port)];
  options.cleanups.push(
    () => inProxy.close(),
    () => outProxy.close(),
  );
  const via = (port: number) => `${options.scheme}127.0.0.1:${port}`;
  let cuts = 0;
  const { summary } = await runYaml(options.yaml(via(inProxy.port), via(outProxy.port)), {
    logSinks: [(e) => (process.env.DEBUG_BROKER ? console.log(e.message, JSON.stringify(e.fields ?? e)) : undefined)],
    onProgress: (counts) => {
      if ((cuts === 0 && counts.sent >= 500) || (cuts === 1 && counts.sent >= 1_500)) {
        cuts++;
        inProxy.cut();
        outProxy.cut();
      }
    },
  });
  expect(summary.error).toBeUndefined();
  expect(cuts).toBe(2);
  // The first connection and one after each cut.
  expect(inProxy.connections).toBeGreaterThanOrEqual(3);
  expect(summary.counts.failed).toBe(0);
}
