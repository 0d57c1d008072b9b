import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { queueDepth } from "../runtime/modules/input-webhook/index.js";
import { sign, type WebhookRig, webhookRig } from "../runtime/modules/input-webhook/test-support.js";
import { ROOT } from "./support/cli.js";
import { sendJson } from "./support/http-server.js";
import { waitFor } from "./support/spawn-cli.js";

const SECRET = "crash-secret";
const dist = (file: string) => pathToFileURL(path.join(ROOT, "dist", file)).href;

/** The queue processor in its own process (the built runtime), so the test can SIGKILL it mid-delivery. */
const PROCESSOR = `
import { validateArtifact } from ${JSON.stringify(dist("runtime/validate/index.js"))};
import { openStateStore } from ${JSON.stringify(dist("runtime/state/index.js"))};
import { processWebhookQueue } from ${JSON.stringify(dist("runtime/modules/input-webhook/index.js"))};
const { artifact } = validateArtifact(process.env.ARTIFACT, "hooks.yaml");
const store = openStateStore(process.env.STATE);
await processWebhookQueue({ artifact, store, env: process.env, deadLetterPath: process.env.DEAD_LETTER });
`;

let rig: WebhookRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("a webhook processor killed mid-delivery", () => {
  it("loses no accepted delivery: the next pass re-sends what was unsettled, with the same idempotency key", async () => {
    let hanging = true;
    rig = await webhookRig({
      input: { verify: { type: "github", secrets: ["${env:GH_SECRET}"] } },
      env: { GH_SECRET: SECRET },
      output: { idempotency: { key: "record.id" } },
      target: (_req, res) => {
        // While `hanging`, requests are never answered: the processor is killed waiting on one.
        if (!hanging) sendJson(res, 200, {});
      },
    });
    const bodies = [1, 2, 3].map((id) => JSON.stringify({ id: `evt-${id}` }));
    for (const [n, body] of bodies.entries()) {
      const answer = await rig.post(body, { "x-github-delivery": `k-${n}`, ...sign.github(SECRET, body) });
      expect(answer.status).toBe(202);
    }

    const child = spawn(process.execPath, ["--input-type=module", "-e", PROCESSOR], {
      env: {
        PATH: process.env.PATH,
        ARTIFACT: rig.yaml,
        STATE: rig.store.path,
        DEAD_LETTER: path.join(rig.dir, "dead.ndjson"),
        GH_SECRET: SECRET,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("close", (_code, signal) => resolve(signal)),
    );
    await waitFor(() => rig!.target.requests.length > 0 || child.exitCode !== null, 15_000, "the first delivery");
    expect(stderr).toBe("");
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const inFlight = rig.target.requests.map((r) => r.headers["idempotency-key"]);
    expect(await queueDepth(rig.store, "hooks")).toBe(3);

    hanging = false;
    const summary = await rig.process();
    expect(summary).toMatchObject({ status: "succeeded", counts: { sent: 3, failed: 0 } });
    expect(await queueDepth(rig.store, "hooks")).toBe(0);
    const resent = rig.target.requests.slice(inFlight.length);
    expect(resent.map((r) => JSON.parse(r.body).id)).toEqual(["evt-1", "evt-2", "evt-3"]);
    // What the killed process had in flight went again under the same key.
    expect(resent.slice(0, inFlight.length).map((r) => r.headers["idempotency-key"])).toEqual(inFlight);

    const db = new Database(rig.store.path, { readonly: true });
    try {
      const statuses = db.prepare("SELECT status FROM executions ORDER BY started_at").pluck().all();
      expect(statuses).toEqual(["failed", "succeeded"]);
    } finally {
      db.close();
    }
  });
});
