import { describe, expect, it } from "vitest";
import { ErrorCodes, isCannectorsError } from "../../runtime/errors/index.js";
import { MAX_REASON_LENGTH, type ValidatedAnswer, validateAnswer } from "./answer.js";

const allowed = new Set(["id", "customer_id", "first_name + last_name"]);

describe("validateAnswer", () => {
  const cases: { name: string; content: unknown; want: ValidatedAnswer }[] = [
    {
      name: "keeps the offered sources in the model's order",
      content: {
        ranking: [
          { source: "customer_id", confidence: 0.9, reason: "same" },
          { source: "id", confidence: 0.1 },
        ],
      },
      want: {
        ranking: [
          { label: "customer_id", confidence: 0.9, reason: "same" },
          { label: "id", confidence: 0.1, reason: "" },
        ],
        invented: [],
      },
    },
    {
      name: "drops invented sources and reports them",
      content: {
        ranking: [
          { source: "uuid", confidence: 1 },
          { source: "id", confidence: 0.5 },
        ],
      },
      want: { ranking: [{ label: "id", confidence: 0.5, reason: "" }], invented: ["uuid"] },
    },
    {
      name: "clamps confidences to [0, 1]",
      content: {
        ranking: [
          { source: "id", confidence: 7 },
          { source: "customer_id", confidence: -2 },
        ],
      },
      want: {
        ranking: [
          { label: "id", confidence: 1, reason: "" },
          { label: "customer_id", confidence: 0, reason: "" },
        ],
        invented: [],
      },
    },
    {
      name: "keeps the first of duplicates",
      content: {
        ranking: [
          { source: "id", confidence: 0.4 },
          { source: "id", confidence: 0.9 },
        ],
      },
      want: { ranking: [{ label: "id", confidence: 0.4, reason: "" }], invented: [] },
    },
    {
      name: "matches a combined source given as a list",
      content: { ranking: [{ source: ["first_name", "last_name"], confidence: 0.8 }] },
      want: { ranking: [{ label: "first_name + last_name", confidence: 0.8, reason: "" }], invented: [] },
    },
  ];
  it.each(cases)("$name", ({ content, want }) => {
    expect(validateAnswer(JSON.stringify(content), allowed)).toEqual(want);
  });

  it("keeps reasons to one short line", () => {
    const reason = `line one\nline two ${"y".repeat(500)}`;
    const [entry] = validateAnswer(
      JSON.stringify({ ranking: [{ source: "id", confidence: 1, reason }] }),
      allowed,
    ).ranking;
    expect(entry?.reason.length).toBe(MAX_REASON_LENGTH);
    expect(entry?.reason).toMatch(/^line one line two y+…$/);
  });

  const rejected: { name: string; content: string }[] = [
    { name: "text that is not JSON", content: "customer_id, I think" },
    { name: "no ranking", content: '{"answer":"id"}' },
    { name: "a confidence as a string", content: '{"ranking":[{"source":"id","confidence":"0.9"}]}' },
    { name: "a source that is a number", content: '{"ranking":[{"source":3,"confidence":0.9}]}' },
    { name: "only invented sources", content: '{"ranking":[{"source":"uuid","confidence":0.9}]}' },
    { name: "an empty ranking", content: '{"ranking":[]}' },
  ];
  it.each(rejected)("rejects $name", ({ content }) => {
    let caught: unknown;
    try {
      validateAnswer(content, allowed);
    } catch (error) {
      caught = error;
    }
    expect(isCannectorsError(caught, ErrorCodes.LLM_ANSWER)).toBe(true);
  });
});
