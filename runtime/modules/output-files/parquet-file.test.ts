import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { describe, expect, it } from "vitest";
import { decodeJson } from "../../json/decode.js";
import { columnType } from "./parquet-file.js";
import { filesOutput, listFiles, records } from "./test-support.js";

/** The records as the runtime holds them after reading JSON: BigInt and ExactNumber where a double would round. */
const SENT = `[
  {"id": 1, "big": 9223372036854775807, "price": 19.99, "exact": 0.1000000000000000055511, "huge": 123456789012345678901234567890,
   "name": "Zoë", "ok": true, "missing": null, "nested": {"a": [1, 2.5, "x"], "b": 9007199254740993}},
  {"id": 2, "big": -9007199254740993, "price": 3, "exact": 2.5, "huge": 1,
   "name": null, "ok": false, "nested": null, "only_here": "late"},
  {"id": 3, "big": null, "price": null, "exact": null, "huge": null, "name": "", "ok": null, "nested": [], "mixed": 1}
]`;

describe("Parquet files, read back with hyparquet", () => {
  it("hold the records sent: int64 exact, decimals exact as text, nulls, nested values as JSON text", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cannectors-parquet-"));
    const sent = decodeJson(SENT, { maxDepth: 8 }).value as Record<string, unknown>[];
    const { output } = filesOutput({ location: dir, format: "parquet" });
    await output.deliver(records(...sent));
    const [file] = listFiles(dir);
    const buffer = readFileSync(path.join(dir, file!));
    const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    const rows = await parquetReadObjects({ file: arrayBuffer });
    expect(rows).toEqual([
      {
        id: 1n,
        big: 9223372036854775807n,
        price: 19.99,
        exact: "0.1000000000000000055511",
        huge: "123456789012345678901234567890",
        name: "Zoë",
        ok: true,
        missing: null,
        nested: '{"a":[1,2.5,"x"],"b":9007199254740993}',
        only_here: null,
        mixed: null,
      },
      {
        id: 2n,
        big: -9007199254740993n,
        price: 3,
        exact: "2.5",
        huge: "1",
        name: null,
        ok: false,
        missing: null,
        nested: null,
        only_here: "late",
        mixed: null,
      },
      {
        id: 3n,
        big: null,
        price: null,
        exact: null,
        huge: null,
        name: "",
        ok: null,
        missing: null,
        nested: "[]",
        only_here: null,
        mixed: 1n,
      },
    ]);
    const schema = parquetSchema(parquetMetadata(arrayBuffer));
    const types = Object.fromEntries(schema.children.map((c) => [c.element.name, c.element.type]));
    expect(types).toMatchObject({ id: "INT64", big: "INT64", price: "DOUBLE", exact: "BYTE_ARRAY", ok: "BOOLEAN" });
  });

  it.each([
    [[1, 2, null], "INT64"],
    [[1, 2.5], "DOUBLE"],
    [[1n, 2.5], "STRING"],
    [["a", 1], "JSON"],
    [[null, undefined], "STRING"],
    [[{ a: 1 }], "JSON"],
  ] as const)("column of %s is %s", (values, type) => {
    expect(columnType(values)).toBe(type);
  });
});
