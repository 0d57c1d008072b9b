import { describe, expect, it } from "vitest";
import type { EndpointPair, PairChoices, SourceEndpoint, TargetEndpoint } from "../../generators/generate/index.js";
import { pickPair } from "./generate-pick.js";
import { scriptedPrompter } from "./scripted-prompter.js";

const source = (path: string, records = "data") =>
  ({ operation: { method: "get", path }, records, fields: [] }) as unknown as SourceEndpoint;
const target = (path: string, wrap?: string) =>
  ({
    operation: { method: "post", path },
    arrayBody: false,
    fields: [],
    ...(wrap ? { wrap } : {}),
  }) as unknown as TargetEndpoint;
const pair = (s: SourceEndpoint, t: TargetEndpoint, fit: number): EndpointPair => ({
  source: s,
  target: t,
  fit,
  strong: 1,
});

const sources = [source("/customers"), source("/orders", "")];
const targets = [target("/clients"), target("/clients/batch", "clients")];
const ranked = [pair(sources[0]!, targets[1]!, 0.91), pair(sources[1]!, targets[0]!, 0.4)];
const all: PairChoices = { sources, targets, pair: (s, t) => pair(s, t, 0.123) };

describe("pickPair", () => {
  it.each([
    {
      name: "the best-ranked pair",
      answers: ["GET /customers → POST /clients/batch"],
      want: ["/customers", "/clients/batch", 0.91],
    },
    { name: "another ranked pair", answers: ["GET /orders → POST /clients"], want: ["/orders", "/clients", 0.4] },
    {
      name: "operations picked one by one, then scored",
      answers: ["choose the source and target operations myself", "GET /orders", "POST /clients/batch"],
      want: ["/orders", "/clients/batch", 0.123],
    },
    { name: "a cancel on the first question", answers: [undefined], want: undefined },
    {
      name: "a cancel while picking the target",
      answers: ["choose the source and target operations myself", "GET /orders", undefined],
      want: undefined,
    },
  ])("$name", async ({ answers, want }) => {
    const picked = await pickPair(ranked, all, scriptedPrompter(answers));
    expect(picked && [picked.source.operation.path, picked.target.operation.path, picked.fit]).toEqual(want);
  });

  it("shows the fit and where the records are", async () => {
    const prompter = scriptedPrompter([
      "choose the source and target operations myself",
      "GET /customers",
      "POST /clients",
    ]);
    await pickPair(ranked, all, prompter);
    expect(prompter.offered).toEqual([
      [
        "GET /customers → POST /clients/batch",
        "GET /orders → POST /clients",
        "choose the source and target operations myself",
      ],
      ["GET /customers", "GET /orders"],
      ["POST /clients", "POST /clients/batch"],
    ]);
  });

  it("hints a ranked pair by the score it is ordered by, an unranked one by its fit", async () => {
    const scored = [{ ...ranked[0]!, score: 1.7361 }, ranked[1]!];
    const prompter = scriptedPrompter([undefined]);
    await pickPair(scored, all, prompter);
    expect(prompter.hints[0]?.slice(0, 2)).toEqual([`score 1.74, ${ranked[0]!.strong} fields`, "fit 0.40"]);
  });
});
