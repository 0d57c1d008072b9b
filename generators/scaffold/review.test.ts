import { describe, expect, it } from "vitest";
import { acceptAbove, applyDecisions, pendingDecisions } from "./review.js";

const file = [
  "  .map((r) => ({",
  "    client_id: r.id,",
  "    // review 0.72: first+last → full name [cannectors:review full_name 0.72]",
  "    full_name: `${r.first_name} ${r.last_name}`,",
  "    // review 0.95: same name [cannectors:review email 0.95]",
  "    email: r.email,",
  "    // low-confidence candidates: r.phone (0.20) | r.mobile (0.10) [cannectors:todo phone_number]",
  '    phone_number: todo("phone_number"),',
  "  }));",
].join("\n");

describe("review", () => {
  it("finds every pending decision with its expression and candidates", () => {
    expect(pendingDecisions(file)).toEqual([
      {
        kind: "review",
        target: "full_name",
        confidence: 0.72,
        expression: "`${r.first_name} ${r.last_name}`",
        candidates: [],
        line: 2,
      },
      { kind: "review", target: "email", confidence: 0.95, expression: "r.email", candidates: [], line: 4 },
      {
        kind: "todo",
        target: "phone_number",
        expression: 'todo("phone_number")',
        candidates: ["r.phone", "r.mobile"],
        line: 6,
      },
    ]);
  });

  it("--accept-above keeps the code and drops the marker of confident proposals only", () => {
    const { text, accepted } = acceptAbove(file, 0.9);
    expect(accepted).toBe(1);
    expect(text).not.toContain("[cannectors:review email");
    expect(text).toContain("    email: r.email,");
    expect(text).toContain("[cannectors:review full_name 0.72]");
    expect(acceptAbove(file, 0.7).accepted).toBe(2);
  });

  it("rejects into a typed TODO, and replaces with another candidate or a typed path", () => {
    const text = applyDecisions(
      file,
      new Map([
        [2, { action: "reject" } as const],
        [6, { action: "replace", expression: "r.phone" } as const],
      ]),
    );
    expect(text).toContain('    full_name: todo("full_name"),');
    expect(text).toContain("    phone_number: r.phone,");
    expect(pendingDecisions(text).map((p) => `${p.kind} ${p.target}`)).toEqual(["todo full_name", "review email"]);
  });
});
