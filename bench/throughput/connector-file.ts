import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.js";

export type OutputMode = "batch" | "single";

/**
 * The bench connector with the servers' real ports. Single-record mode posts each record to
 * /clients with as many requests in flight as the baseline (8 connections × 4 pipelined).
 */
export function writeConnector(
  dir: string,
  urls: { sourceUrl: string; targetUrl: string },
  mode: OutputMode,
  inFlight = 32,
): string {
  let text = readFileSync(path.join(ROOT, "bench/throughput/connector.yaml"), "utf8")
    .replace("http://127.0.0.1:4710", urls.sourceUrl)
    .replace("http://127.0.0.1:4720", urls.targetUrl);
  if (mode === "single") {
    text = text
      .replace("path: /clients/batch", "path: /clients")
      .replace(/ {2}batch:\n {4}size: 100\n {4}wrap: clients\n/, "")
      .replace("concurrency: 8", `concurrency: ${inFlight}`);
  }
  const file = path.join(dir, `connector-${mode}.yaml`);
  writeFileSync(file, text);
  return file;
}
