import { describe, expect, it } from "vitest";
import { decodeUtf8Marking } from "./utf8-marking.js";

describe("decodeUtf8Marking", () => {
  it.each([
    { name: "a lone continuation byte", bytes: [0x61, 0x80, 0x62], text: "a\ufffdb", at: [1] },
    { name: "an overlong slash", bytes: [0xc0, 0xaf], text: "\ufffd\ufffd", at: [0, 1] },
    { name: "a UTF-16 surrogate", bytes: [0xed, 0xa0, 0x80, 0x41], text: "\ufffd\ufffd\ufffdA", at: [0, 1, 2] },
    { name: "beyond U+10FFFF", bytes: [0xf4, 0x90, 0x80, 0x80], text: "\ufffd".repeat(4), at: [0, 1, 2, 3] },
    { name: "a cut sequence at the end", bytes: [0x61, 0xe2, 0x82], text: "a\ufffd\ufffd", at: [1, 2] },
  ])("$name: each bad byte is one marked U+FFFD", ({ bytes, text, at }) => {
    const decoded = decodeUtf8Marking(Uint8Array.from(bytes));
    expect(decoded.text).toBe(text);
    expect(decoded.invalid?.bytes).toEqual(at);
    expect(decoded.invalid?.chars.map((offset) => decoded.text[offset])).toEqual(at.map(() => "\ufffd"));
  });

  it("keeps valid text around the bad bytes, emoji and a leading byte order mark included", () => {
    const bytes = Buffer.concat([Buffer.from("\ufeffé😀"), Buffer.from([0xff]), Buffer.from("中")]);
    expect(decodeUtf8Marking(bytes)).toEqual({ text: "é😀\ufffd中", invalid: { chars: [3], bytes: [9] } });
  });
});
