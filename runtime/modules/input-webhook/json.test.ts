import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, parseDelivery } from "./json.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("parseDelivery", () => {
  it.each([
    { name: "plain object", text: '{"a":1}', ok: true },
    { name: "depth at the limit", text: `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`, ok: true },
    {
      name: "one past the limit",
      text: `${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`,
      ok: false,
    },
    { name: "__proto__ nested in an array", text: '[{"x":{"__proto__":1}}]', ok: false },
    { name: "prototype as a value is fine", text: '{"kind":"prototype","list":["__proto__"]}', ok: true },
    { name: "trailing garbage", text: '{"a":1} x', ok: false },
  ])("$name", ({ text, ok }) => {
    const result = parseDelivery(bytes(text));
    expect("status" in result ? false : result.text === text).toBe(ok);
  });

  it("drops a leading byte order mark", () => {
    expect(parseDelivery(bytes('\ufeff{"a":1}'))).toEqual({ text: '{"a":1}', value: { a: 1 } });
  });

  it("refuses overlong UTF-8 and lone surrogate bytes", () => {
    for (const raw of [
      [0x22, 0xc0, 0xaf, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
    ]) {
      expect(parseDelivery(Uint8Array.from(raw))).toEqual({ status: 400, reason: "the body is not valid UTF-8" });
    }
  });
});
