import { describe, expect, it } from "vitest";
import { walkDecisions } from "./review-walk.js";
import { scriptedPrompter } from "./scripted-prompter.js";

const generated = [
  "  .map((r) => ({",
  "    // review 0.72: first+last → full name; candidates: r.name (0.40) | r.nickname (0.30) [cannectors:review full_name 0.72]",
  "    full_name: `${r.first_name} ${r.last_name}`,",
  "    // review 0.95: same name [cannectors:review email 0.95]",
  "    email: r.email,",
  "    // no confident source; candidates: r.addr (0.20) [cannectors:todo city]",
  '    city: todo("city"),',
  "  }));",
].join("\n");

const property = (text: string, key: string) =>
  text
    .split("\n")
    .find((l) => l.trimStart().startsWith(`${key}:`))
    ?.trim();

describe("walkDecisions", () => {
  it.each([
    {
      name: "accept, reject, type a path",
      answers: ["accept", "reject", "type a source path", "address.city"],
      want: {
        full_name: "full_name: `${r.first_name} ${r.last_name}`,",
        email: 'email: todo("email"),',
        city: "city: r.address.city,",
      },
      decided: 3,
      stopped: false,
    },
    {
      name: "another candidate, skip, the todo's candidate",
      answers: ["use r.nickname", "skip", "use r.addr"],
      want: { full_name: "full_name: r.nickname,", email: "email: r.email,", city: "city: r.addr," },
      decided: 2,
      stopped: false,
    },
    {
      name: "an empty path is a skip",
      answers: ["skip", "skip", "type a source path", ""],
      want: {
        full_name: "full_name: `${r.first_name} ${r.last_name}`,",
        email: "email: r.email,",
        city: 'city: todo("city"),',
      },
      decided: 0,
      stopped: false,
    },
    {
      name: "a cancel keeps what was decided before",
      answers: ["use r.name", undefined],
      want: { full_name: "full_name: r.name,", email: "email: r.email,", city: 'city: todo("city"),' },
      decided: 1,
      stopped: true,
    },
  ])("$name", async ({ answers, want, decided, stopped }) => {
    const result = await walkDecisions(generated, scriptedPrompter(answers));
    for (const [key, line] of Object.entries(want)) expect(property(result.text, key)).toBe(line);
    expect(result.decided).toBe(decided);
    expect(result.stopped).toBe(stopped);
  });

  it("asks in file order, and offers accept/reject only for a proposal", async () => {
    const prompter = scriptedPrompter(["skip", "skip", "skip"]);
    await walkDecisions(generated, prompter);
    expect(prompter.asked).toEqual([
      "(1/3) full_name ← `${r.first_name} ${r.last_name}`  (confidence 0.72)",
      "(2/3) email ← r.email  (confidence 0.95)",
      "(3/3) city: no confident source",
    ]);
    expect(prompter.offered[2]).toEqual(["use r.addr", "type a source path", "skip"]);
  });

  it("refuses a typed path that is not a field path", async () => {
    await expect(walkDecisions(generated, scriptedPrompter(["type a source path", "r.a + 1"]))).rejects.toThrow(
      /a field path/,
    );
  });
});
