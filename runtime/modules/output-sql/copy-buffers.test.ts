import { describe, expect, it } from "vitest";
import { COPY_CHUNK, CopyBuffers } from "./copy-buffers.js";
import { type CopyRow, copyChunks } from "./copy-text.js";

const rows = (n: number, name: string): CopyRow[] =>
  Array.from({ length: n }, (_, i) => ({ columns: ["id", "name"], fields: { id: i, name: `${name} ${i}` } }));
const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");

describe("CopyBuffers (COPY text buffers reused from batch to batch)", () => {
  it("writes the next batch into the buffers the last completed COPY gave back, with none of the old bytes", () => {
    const buffers = new CopyBuffers(4);
    const first = copyChunks(rows(3000, "a rather long first name"), buffers);
    buffers.give(first);
    expect(buffers.held).toBe(first.length);
    const second = copyChunks(rows(2, "b"), buffers);
    expect(first.map((chunk) => chunk.buffer)).toContain(second[0]!.buffer);
    expect(text(second)).toBe("0\tb 0\n1\tb 1\n");
  });

  it("keeps at most `keep` buffers, and none larger than a chunk (a field that needed more)", () => {
    const buffers = new CopyBuffers(2);
    const big: CopyRow = { columns: ["x"], fields: { x: "y".repeat(COPY_CHUNK) } };
    const chunks = copyChunks([...rows(50_000, "name"), big], buffers);
    expect(chunks.length).toBeGreaterThan(3);
    buffers.give(chunks);
    expect(buffers.held).toBe(2);
    expect(buffers.take(1).buffer.byteLength).toBe(COPY_CHUNK);
    expect(buffers.take(COPY_CHUNK + 1).buffer.byteLength).toBe(COPY_CHUNK + 1);
  });
});
