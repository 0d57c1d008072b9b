import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign, type WebhookRig, webhookRig } from "../runtime/modules/input-webhook/test-support.js";

interface Definition {
  name: string;
  examples: Record<string, unknown>[];
}
// The package ships real payloads captured from GitHub, one list per event.
const definitions = createRequire(import.meta.url)(
  "@octokit/webhooks-examples/api.github.com/index.json",
) as Definition[];
const SECRET = "octokit-examples-secret";

/** What the connector's map should make of a payload, computed independently in plain TypeScript. */
function expected(event: string, payload: Record<string, unknown>) {
  const get = (path: string) =>
    path
      .split(".")
      .reduce<unknown>(
        (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
        payload,
      );
  const out: Record<string, unknown> = { event };
  for (const [target, from] of [
    ["action", "action"],
    ["repo", "repository.full_name"],
    ["sender", "sender.login"],
    ["issue_number", "issue.number"],
    ["pr_title", "pull_request.title"],
  ] as const) {
    const value = get(from);
    if (value !== undefined) out[target] = value;
  }
  return out;
}

describe("real GitHub payloads from @octokit/webhooks-examples", () => {
  let rig: WebhookRig;
  const sent: { event: string; payload: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    rig = await webhookRig({
      input: { verify: { type: "github", secrets: ["${env:GH_WEBHOOK_SECRET}"] } },
      env: { GH_WEBHOOK_SECRET: SECRET },
      filters: [
        {
          type: "map",
          fields: [
            { target: "event", expr: 'has(record.hook_event) ? record.hook_event : "?"' },
            { target: "action", from: "action" },
            { target: "repo", from: "repository.full_name" },
            { target: "sender", from: "sender.login" },
            { target: "issue_number", from: "issue.number" },
            { target: "pr_title", from: "pull_request.title" },
          ],
        },
      ],
      output: { batch: { size: 50 } },
    });
  });
  afterAll(() => rig.close());

  const events = ["issues", "pull_request", "push", "issue_comment", "release", "star", "workflow_run"];
  it.each(events)("accepts every %s example signed as GitHub signs it", async (event) => {
    const definition = definitions.find((d) => d.name === event);
    expect(definition?.examples.length).toBeGreaterThan(0);
    for (const example of definition!.examples) {
      // The event name travels in X-GitHub-Event; folded into the payload here so the map can show it arrived intact.
      const payload = { ...example, hook_event: event };
      const body = JSON.stringify(payload);
      const answer = await rig.post(body, {
        "x-github-event": event,
        "x-github-delivery": randomUUID(),
        "user-agent": "GitHub-Hookshot/test",
        ...sign.github(SECRET, body),
      });
      expect(answer, `${event} example`).toMatchObject({ status: 202, body: { status: "accepted" } });
      sent.push({ event, payload });
    }
  });

  it("runs them through the connector into the target with the mapped values, in order", async () => {
    const summary = await rig.process();
    expect(summary).toMatchObject({ status: "succeeded", counts: { read: sent.length, sent: sent.length, failed: 0 } });
    const received = rig.target.requests.flatMap((r) => JSON.parse(r.body) as unknown[]);
    expect(received).toEqual(sent.map(({ event, payload }) => expected(event, payload)));
    expect(received.length).toBeGreaterThan(50);
  });
});
