import { describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact } from "../../../compiler/emit/index.js";
import { lowerConnector } from "../../../compiler/lower/index.js";
import { validateArtifact } from "../../validate/index.js";
import { api } from "../../../dsl/api.js";
import { type RecordType, connector } from "../../../dsl/connector.js";
import type { InputEndpoint } from "../../../dsl/endpoint.js";
import { secret } from "../../../dsl/refs.js";
import { github, hmac, standardWebhooks, stripe, unverified, webhook } from "./dsl.js";

/** Trimmed GitHub payload types (the shapes of @octokit/webhooks-types). */
type IssuesEvent = {
  action: "opened" | "edited" | "closed";
  issue: { number: number; title: string; user: { login: string } };
  repository: { full_name: string };
};
type PushEvent = { ref: string; commits: { id: string; message: string; author: { name: string } }[] };

const target = api<Record<string, never>>({ baseUrl: "http://127.0.0.1:4020" });
const sink = {
  kind: "endpoint",
  output: { kind: "output", type: "http", api: target.node, method: "POST", path: "/events" },
};

describe("webhook(...) types", () => {
  it("types the records by the payload", () => {
    const source = webhook<IssuesEvent>({ path: "/hooks/github", verify: github(secret("GH")) });
    expectTypeOf(source).toEqualTypeOf<InputEndpoint<IssuesEvent>>();
    const draft = connector({ name: "x" }).from(source);
    expectTypeOf<RecordType<ReturnType<typeof draft.to<{ n: number }>>>>().toEqualTypeOf<IssuesEvent>();
  });

  it("takes an explicit record type with records pointing into the payload", () => {
    const source = webhook<PushEvent, PushEvent["commits"][number]>({
      path: "/hooks/push",
      verify: github(secret("GH")),
      records: "commits",
    });
    expectTypeOf(source).toEqualTypeOf<InputEndpoint<PushEvent["commits"][number]>>();
  });

  it("checks the pipeline against the payload type", () => {
    const tracker = api<{
      "/t": {
        post: {
          requestBody: { content: { "application/json": { n: number; title: string } } };
          responses: { 201: { content: { "application/json": unknown } } };
        };
      };
    }>({ baseUrl: "http://127.0.0.1:4020" });
    const from = connector({ name: "x" })
      .from(webhook<IssuesEvent>({ path: "/hooks/github", verify: github(secret("GH")) }))
      .to(tracker.post("/t"));
    from.map((e) => ({ n: e.issue.number, title: e.issue.title }));
    // @ts-expect-error `nope` is not a field of the issue
    from.map((e) => ({ n: e.issue.number, title: e.issue.nope }));
    // @ts-expect-error a title is a string, not the issue number
    from.map((e) => ({ n: e.issue.number, title: e.issue.number }));
    expect(from.filters).toEqual([]);
  });

  it("refuses a path without the leading slash at type level and at run time", () => {
    // @ts-expect-error the path must start with /
    expect(() => webhook({ path: "hooks", verify: unverified() })).toThrow(/must start with \//);
  });
});

describe("webhook(...) lowered", () => {
  it.each([
    {
      name: "GitHub with rotation",
      source: webhook<IssuesEvent>({
        path: "/hooks/github",
        verify: github(secret("GH_NEW"), secret("GH_OLD")),
        records: "$",
      }),
      input: {
        type: "webhook",
        path: "/hooks/github",
        verify: { type: "github", secrets: ["${env:GH_NEW}", "${env:GH_OLD}"] },
      },
    },
    {
      name: "Stripe with a tolerance and a window",
      source: webhook({
        path: "/hooks/stripe",
        verify: stripe(secret("STRIPE"), { tolerance: "2m" }),
        dedupe: { window: "48h" },
      }),
      input: {
        type: "webhook",
        path: "/hooks/stripe",
        verify: { type: "stripe", secrets: ["${env:STRIPE}"], tolerance: "2m" },
        dedupe: { window: "48h" },
      },
    },
    {
      name: "Standard Webhooks, records and limits",
      source: webhook({
        path: "/hooks/sw",
        verify: standardWebhooks(secret("SW")),
        records: "data.items",
        maxBodySize: 65536,
        schema: { type: "object" },
      }),
      input: {
        type: "webhook",
        path: "/hooks/sw",
        verify: { type: "standardWebhooks", secrets: ["${env:SW}"] },
        records: "data.items",
        maxBodySize: 65536,
        schema: { type: "object" },
      },
    },
    {
      name: "generic HMAC with a body-path id",
      source: webhook({
        path: "/hooks/h",
        verify: hmac({ header: "X-Sig", secrets: secret("K"), encoding: "base64", prefix: "v1=" }),
        dedupe: { path: "event.id" },
        methods: ["POST", "PUT"],
      }),
      input: {
        type: "webhook",
        path: "/hooks/h",
        methods: ["POST", "PUT"],
        verify: { type: "hmac", header: "X-Sig", encoding: "base64", prefix: "v1=", secrets: ["${env:K}"] },
        dedupe: { path: "event.id" },
      },
    },
  ])("$name → input.type webhook, a valid artifact", ({ source, input }) => {
    const node = connector({ name: "hooks" })
      .from(source as InputEndpoint<unknown>)
      .to(sink as never)
      .settings({});
    const lowered = lowerConnector(node, { sourceFor: () => undefined });
    expect(lowered.diagnostics).toEqual([]);
    expect(lowered.artifact.input).toEqual(input);
    const yaml = emitArtifact(lowered.artifact, { sourceFile: "hooks.ts" });
    expect(parse(yaml).input).toEqual(input);
    const checked = validateArtifact(yaml, "hooks.yaml");
    expect(checked.diagnostics).toEqual([]);
    expect(checked.artifact?.connector.input.type).toBe("webhook");
  });
});
