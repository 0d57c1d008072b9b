/** Shared set-up for the webhook tests: a receiver behind a real server on 127.0.0.1, a real target, a real SQLite file. */
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { stringify } from "yaml";
import { type Handler, sendJson, startServer, type TestServer } from "../../../test/support/http-server.js";
import type { RunOptions, RunSummary } from "../../engine/run.js";
import type { Clock } from "../../net/types.js";
import { openStateStore, type StateStore } from "../../state/index.js";
import { type LoadedArtifact, validateArtifact } from "../../validate/index.js";
import { createWebhookReceiver, processWebhookQueue, type WebhookReceiver } from "./index.js";

export const sign = {
  github(secret: string, body: string | Uint8Array): Record<string, string> {
    return { "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` };
  },
  stripe(secret: string, body: string | Uint8Array, seconds: number): Record<string, string> {
    const mac = createHmac("sha256", secret).update(`${seconds}.`).update(body).digest("hex");
    return { "stripe-signature": `t=${seconds},v1=${mac}` };
  },
  standard(secret: string, id: string, seconds: number, body: string | Uint8Array): Record<string, string> {
    const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
    const mac = createHmac("sha256", key).update(`${id}.${seconds}.`).update(body).digest("base64");
    return { "webhook-id": id, "webhook-timestamp": String(seconds), "webhook-signature": `v1,${mac}` };
  },
};

export interface RigOptions {
  input: Record<string, unknown>;
  filters?: unknown[];
  output?: Record<string, unknown>;
  /** Merged over the rig's settings (fast retries). */
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  clock?: Clock;
  target?: Handler;
}

export interface WebhookRig {
  /** The receiver's full URL. */
  url: string;
  server: string;
  target: TestServer;
  store: StateStore;
  artifact: LoadedArtifact;
  /** The artifact's YAML text and the temporary directory it lives in (with the state database). */
  yaml: string;
  dir: string;
  receiver: WebhookReceiver;
  /** Every outcome the receiver reported to its metrics, in order. */
  outcomes: string[];
  accepted: number;
  post(body: string | Uint8Array, headers: Record<string, string>, method?: string): Promise<Answer>;
  process(overrides?: Partial<RunOptions>): Promise<RunSummary>;
  /** Rows in the queue table, whatever their status. */
  rows(): number;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** A connector with the given webhook input, filters and output (pointed at a recording target). */
export async function webhookRig(options: RigOptions): Promise<WebhookRig> {
  const target = await startServer(options.target ?? ((_req, res) => sendJson(res, 200, { ok: true })));
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-webhook-"));
  const document = {
    apiVersion: "cannectors.dev/v1",
    kind: "Connector",
    metadata: { name: "hooks" },
    input: { type: "webhook", path: "/hooks/in", ...options.input },
    filters: options.filters ?? [],
    output: { type: "http", baseUrl: target.url, path: "/events", ...options.output },
    settings: {
      retries: { maxAttempts: 3, initialDelay: "10ms", maxDelay: "50ms", jitter: "none" },
      ...options.settings,
    },
  };
  const yaml = stringify(document);
  const checked = validateArtifact(yaml, path.join(dir, "hooks.yaml"));
  if (!checked.artifact) throw new Error(`invalid test artifact: ${JSON.stringify(checked.diagnostics)}`);
  const artifact = checked.artifact;
  const store = openStateStore(path.join(dir, "state.db"));
  const env = options.env ?? {};
  const rig = { accepted: 0, outcomes: [] as string[] } as WebhookRig;
  const receiver = createWebhookReceiver({
    artifact,
    store,
    env,
    ...(options.clock ? { clock: options.clock } : {}),
    onAccepted: () => rig.accepted++,
    metrics: { delivery: (outcome, code) => rig.outcomes.push(`${outcome} ${code}`) },
  });
  const http = await new Promise<Server>((resolve) => {
    const created = serve(
      {
        fetch: (request: Request) => {
          const url = new URL(request.url);
          if (url.pathname === "/healthz") return new Response("ok");
          return url.pathname === receiver.path ? receiver.handle(request) : new Response("not found", { status: 404 });
        },
        port: 0,
        hostname: "127.0.0.1",
      },
      () => resolve(created as Server),
    ) as Server;
  });
  const server = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return Object.assign(rig, {
    url: `${server}${receiver.path}`,
    server,
    target,
    store,
    artifact,
    yaml,
    dir,
    receiver,
    async post(body: string | Uint8Array, headers: Record<string, string>, method = "POST"): Promise<Answer> {
      const response = await fetch(`${server}${receiver.path}`, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body,
      });
      const text = await response.text();
      return { status: response.status, body: text.startsWith("{") ? JSON.parse(text) : { text } };
    },
    process: (overrides: Partial<RunOptions> = {}) =>
      processWebhookQueue({ artifact, store, env, deadLetterPath: path.join(dir, "dead.ndjson"), ...overrides }),
    rows() {
      const raw = new Database(store.path, { readonly: true });
      try {
        return raw.prepare("SELECT COUNT(*) FROM webhook_deliveries").pluck().get() as number;
      } finally {
        raw.close();
      }
    },
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await target.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
