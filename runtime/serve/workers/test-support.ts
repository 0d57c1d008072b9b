/** Test support: a supervisor in job mode that loads one webhook connector, `hooks`, sending to `target`. */
import { stringify } from "yaml";
import type { TestServer } from "../../../test/support/http-server.js";
import { createLogger, type Logger } from "../../log/index.js";
import { createWebhookReceiver } from "../../modules/input-webhook/index.js";
import { createRedactor } from "../../secrets/index.js";
import type { StateStore } from "../../state/index.js";
import { validateArtifact } from "../../validate/index.js";
import { createServeMetrics } from "../serve-metrics.js";
import { Supervisor } from "../supervisor.js";
import { processWebhookQueue, queueDepth } from "../webhook-queue.js";
import type { JobEngine } from "./job-engine.js";

export async function hookSupervisor(
  store: StateStore,
  engine: JobEngine,
  target: TestServer,
  logger: Logger = createLogger({ redactor: createRedactor(), sinks: [] }),
): Promise<Supervisor> {
  const supervisor = new Supervisor({
    store,
    env: {},
    logger,
    runLogSinks: [],
    metrics: createServeMetrics({ queueDepths: () => [], artifacts: () => ({ loaded: 0, invalid: 0 }) }),
    webhooks: { createWebhookReceiver, processWebhookQueue, queueDepth },
    drainTimeoutMs: 2000,
    jobs: engine,
  });
  const document = {
    apiVersion: "cannectors.dev/v1",
    kind: "Connector",
    metadata: { name: "hooks" },
    input: { type: "webhook", path: "/hooks/in", verify: { type: "none" }, dedupe: { header: "X-Delivery-Id" } },
    output: { type: "http", baseUrl: target.url, path: "/sink" },
  };
  await supervisor.load(new Map([["hooks", validateArtifact(stringify(document), "hooks.yaml").artifact!]]));
  return supervisor;
}

/** Posts a delivery with this id (header and body) to the `hooks` receiver. */
export const deliver = (supervisor: Supervisor, id: string) =>
  supervisor.receiver("/hooks/in")!.handle(
    new Request("http://x/hooks/in", {
      method: "POST",
      headers: { "content-type": "application/json", "x-delivery-id": id },
      body: JSON.stringify({ id }),
    }),
  );
