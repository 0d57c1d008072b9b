import { describe, expect, it } from "vitest";
import { checkExpression } from "./index.js";

describe("checkExpression", () => {
  it.each([
    { given: "record.age >= 18", variables: ["record"] },
    { given: 'default(record.x, "n/a")', variables: ["record"] },
    { given: 'concat(record.a, "-", root.b)', variables: ["record", "root"] },
    { given: "response.status == 200 && size(page.records) == 0", variables: ["response", "page"] },
    { given: 'regexMatch(record.note, "matches(")', variables: ["record"] },
  ])("accepts $given", ({ given, variables }) => {
    expect(checkExpression(given, variables)).toBeUndefined();
  });

  it.each([
    { given: "record.age >=", want: /Unexpected token/, offset: 13 },
    { given: "record.a + frobnicate(record.b)", want: /unknown function frobnicate/, offset: 11 },
    { given: "record.a && other.b", want: /Unknown variable: other/, offset: 12 },
    { given: "root.a", want: /Unknown variable: root/, offset: 0 },
    { given: 'lower("a", "b")', want: /no matching overload for 'lower\(string, string\)'/, offset: 0 },
    { given: "toCents()", want: /no matching overload for 'toCents\(\)'/, offset: 0 },
    { given: 'concat("only one")', want: /no matching overload/, offset: 0 },
    { given: "now()", want: /unknown function now/, offset: 0 },
    { given: '1 + "a"', want: /no matching overload|not defined|no such overload/, offset: 0 },
    { given: 'record.email.matches("^a")', want: /matches\(\) is not available: use regexMatch/, offset: 13 },
    { given: 'record.ok || "a".matches("x")', want: /matches\(\) is not available/, offset: 17 },
  ])("reports $given", ({ given, want, offset }) => {
    const problem = checkExpression(given, ["record"]);
    expect(problem?.code).toBe("CANNECTORS_E_EXPRESSION");
    expect(problem?.message).toMatch(want);
    expect(problem?.message).not.toContain("\n");
    expect(problem?.offset).toBe(offset);
  });

  it("rejects expressions beyond the parse limits", () => {
    const deep = `${"(".repeat(200)}1${")".repeat(200)}`;
    expect(checkExpression(deep, [])?.code).toBe("CANNECTORS_E_EXPRESSION");
    const wide = `[${Array.from({ length: 1500 }, (_, i) => i).join(",")}]`;
    expect(checkExpression(wide, [])?.message).toMatch(/limit|exceed|maximum/i);
  });
});
