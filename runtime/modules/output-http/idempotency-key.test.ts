import { describe, expect, it } from "vitest";
import { idempotencyKey } from "./idempotency-key.js";

describe("idempotencyKey", () => {
  it("is 32 lowercase hex characters and stable", () => {
    const key = idempotencyKey("crm-sync", ["c-1"]);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(idempotencyKey("crm-sync", ["c-1"])).toBe(key);
  });

  it.each([
    { a: ["crm", ["a", "bc"]], b: ["crm", ["ab", "c"]] },
    { a: ["crm", ["a"]], b: ["crm-a", []] },
    { a: ["crm", ["a", "b"]], b: ["crm", ["b", "a"]] },
    { a: ["crm", ["1"]], b: ["other", ["1"]] },
    { a: ["crm", ['a","b']], b: ["crm", ["a", "b"]] },
  ] as const)("distinguishes $a from $b", ({ a, b }) => {
    expect(idempotencyKey(a[0], a[1])).not.toBe(idempotencyKey(b[0], b[1]));
  });
});
