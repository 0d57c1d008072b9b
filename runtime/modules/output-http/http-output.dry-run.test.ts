import { describe, expect, it } from "vitest";
import { sendJson } from "../../../test/support/http-server.js";
import { createDryRunWriter } from "../../engine/dry-run-writer.js";
import { idempotencyKey } from "./idempotency-key.js";
import { harness, records } from "./output-harness.js";
import { plainRedactor } from "./test-support.js";

describe("http output dry run", () => {
  it.each([
    {
      name: "bearer auth",
      auth: { type: "bearer", token: "tok-very-secret-1" },
      wantUrl: "/c/7?v=1",
      wantHeaders: { authorization: "***", "idempotency-key": idempotencyKey("crm-sync", ["7"]), "x-tenant": "***" },
    },
    {
      name: "apiKey in a header",
      auth: { type: "apiKey", name: "X-Key", value: "tok-very-secret-1" },
      wantUrl: "/c/7?v=1",
      wantHeaders: { "idempotency-key": idempotencyKey("crm-sync", ["7"]), "x-key": "***", "x-tenant": "***" },
    },
    {
      name: "apiKey in the query",
      auth: { type: "apiKey", in: "query", name: "key", value: "tok-very-secret-1" },
      wantUrl: "/c/7?v=1&key=***",
      wantHeaders: { "idempotency-key": idempotencyKey("crm-sync", ["7"]), "x-tenant": "***" },
    },
  ])("sends nothing and renders masked requests ($name)", async ({ auth, wantUrl, wantHeaders }) => {
    const lines: string[] = [];
    const redactor = plainRedactor(["tenant-secret"]);
    const h = await harness((_req, res) => sendJson(res, 200, {}), {
      spec: {
        path: "/c/{id}",
        query: { v: 1 },
        headers: { "X-Tenant": "tenant-secret" },
        auth,
        idempotency: { key: "record.id" },
      },
      secrets: ["tenant-secret"],
      dryRun: createDryRunWriter((line) => lines.push(line), redactor),
    });
    try {
      const result = await h.output.deliver(records({ id: 7, note: "tenant-secret" }, { note: "no id" }));
      expect(result).toEqual({ delivered: 1, deadLettered: 1 });
      expect(h.server.requests).toHaveLength(0);
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        {
          method: "POST",
          url: `${h.server.url}${wantUrl}`,
          headers: { "content-type": "application/json", ...wantHeaders },
          // The record is data: a value equal to a secret is written as it is.
          body: { id: 7, note: "tenant-secret" },
        },
      ]);
      expect(lines.map((line) => JSON.stringify({ ...JSON.parse(line), body: null })).join("\n")).not.toMatch(/secret/);
    } finally {
      await h.close();
    }
  });
});
