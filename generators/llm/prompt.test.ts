import { describe, expect, it } from "vitest";
import { buildPrompt } from "./prompt.js";
import { offlineCandidates, rerankRequest, sourceFields, targetField } from "./test-fixture.js";
import type { Candidate } from "./types.js";

function userPayload(
  candidates: Candidate[],
  max = 5,
): { target: Record<string, unknown>; candidates: Record<string, unknown>[] } {
  const user = buildPrompt(rerankRequest(candidates), max)[1];
  return JSON.parse(user?.content ?? "{}");
}

describe("buildPrompt", () => {
  it("is identical for identical input (it is the cache key)", () => {
    expect(JSON.stringify(buildPrompt(rerankRequest(), 5))).toBe(JSON.stringify(buildPrompt(rerankRequest(), 5)));
  });

  it("describes the target and each candidate with its schema facts and offline confidence", () => {
    const payload = userPayload(offlineCandidates());
    expect(payload.target).toEqual({
      path: "client_id",
      type: "string",
      description: "Identifier of the client, as known to the CRM",
      required: true,
    });
    expect(payload.candidates[1]).toEqual({
      source: "customer_id",
      fields: [
        { path: "customer_id", type: "string", description: "Public identifier of the customer", required: true },
      ],
      offline_confidence: 0.6,
      conversion: "record.customer_id",
    });
  });

  const cases: { name: string; candidates: Candidate[]; max: number; want: unknown[] }[] = [
    {
      name: "only the top N candidates",
      candidates: offlineCandidates(),
      max: 2,
      want: ["id", "customer_id"],
    },
    {
      name: "a combined source as one label with every field described",
      candidates: [{ source: ["first_name", "last_name"], confidence: 0.8, reasons: [], conversion: "concat" }],
      max: 5,
      want: ["first_name + last_name"],
    },
  ];
  it.each(cases)("shows $name", ({ candidates, max, want }) => {
    const payload = userPayload(candidates, max);
    expect(payload.candidates.map((c) => c.source)).toEqual(want);
  });

  it("rounds confidences, flattens and truncates long descriptions, and caps enums", () => {
    const long = `A very\n\nlong   description ${"x".repeat(400)}`;
    const enumValues = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const request = {
      source: [{ path: "status", type: "string", enum: enumValues, description: long, required: false }],
      target: { ...targetField, enum: ["a"], nullable: true },
      candidates: [{ source: "status", confidence: 0.123456, reasons: [], conversion: "lookup" }],
    };
    const payload = JSON.parse(buildPrompt(request, 5)[1]?.content ?? "{}");
    const field = payload.candidates[0].fields[0];
    expect(payload.candidates[0].offline_confidence).toBe(0.12);
    expect(field.description).toMatch(/^A very long description x+…$/);
    expect(field.description.length).toBe(200);
    expect(field.enum).toHaveLength(20);
    expect(payload.target).toMatchObject({ enum: ["a"], nullable: true });
  });

  it("names a candidate missing from the source fields by path only", () => {
    const payload = userPayload([{ source: "ghost", confidence: 0.5, reasons: [], conversion: "" }]);
    expect(payload.candidates[0]?.fields).toEqual([{ path: "ghost" }]);
    expect(sourceFields.some((f) => f.path === "ghost")).toBe(false);
  });
});
