import path from "node:path";
import { type SpawnedCli, spawnCli, waitFor } from "./spawn-cli.js";

export interface ServeProcess {
  spawned: SpawnedCli;
  /** http://127.0.0.1:PORT */
  url: string;
}

/** `cannectors serve DIR` as a real child process on an ephemeral port, its state in DIR/state.db. */
export async function startServe(dir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const spawned = spawnCli(["serve", dir, "--port", "0", "--state", path.join(dir, "state.db"), "--no-watch"], env);
  let stdout = "";
  spawned.child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  await waitFor(() => /listening on http/.test(stdout) || spawned.child.exitCode !== null, 20_000, "serve to listen");
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`serve did not start: ${(await spawned.exited).stderr}`);
  return { spawned, url };
}

/**
 * `hooks`: webhook POSTs to /hooks/orders, deduplicated by X-Delivery-Id, sent on to TARGET/orders
 * with the record's id as idempotency key; `settings` is the YAML under `settings:`.
 */
export function ordersWebhookArtifact(target: string, settings: string): string {
  return `apiVersion: cannectors.dev/v1
kind: Connector
metadata:
  name: hooks
input:
  type: webhook
  path: /hooks/orders
  verify: { type: none }
  dedupe: { header: X-Delivery-Id }
output:
  type: http
  baseUrl: ${target}
  path: /orders
  idempotency: { key: record.id }
settings:
  ${settings}
`;
}
