import type { ColumnSource } from "hyparquet-writer";
import type { JsonRecord } from "../../json/path.js";
import { isExactNumber, stringifyJson } from "../../json/stringify.js";

/** The Parquet type a column takes, from the values the file's records hold in it. */
export type ParquetColumnType = "BOOLEAN" | "INT64" | "DOUBLE" | "STRING" | "JSON";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * One file's column types, every column optional (null where a record lacks the field):
 * booleans → BOOLEAN; integers (BigInt within int64 included) → INT64; other numbers a double holds
 * → DOUBLE; text → STRING. A decimal or an integer no double or int64 holds exactly (an
 * ExactNumber) makes the column STRING of the exact digits, so nothing is rounded. Objects and
 * lists, and a column whose records disagree on the type, are STRING columns of JSON text ("JSON").
 */
export function columnType(values: readonly unknown[]): ParquetColumnType {
  const kinds = new Set<string>();
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value === "boolean") kinds.add("BOOLEAN");
    else if (typeof value === "string") kinds.add("STRING");
    else if (typeof value === "number") kinds.add(Number.isInteger(value) ? "INT64" : "DOUBLE");
    else if (typeof value === "bigint") kinds.add(value >= INT64_MIN && value <= INT64_MAX ? "INT64" : "EXACT");
    else if (isExactNumber(value)) kinds.add("EXACT");
    else kinds.add("JSON");
  }
  if (kinds.size === 0) return "STRING";
  if (kinds.size === 1) {
    const [only] = kinds;
    return only === "EXACT" ? "STRING" : (only as ParquetColumnType);
  }
  const numeric = [...kinds].every((k) => k === "INT64" || k === "DOUBLE" || k === "EXACT");
  if (numeric) {
    // Integers beside fractions: a double holds both when every integer is a safe one.
    const safe = values.every((v) => typeof v !== "bigint" && !isExactNumber(v));
    return safe && !kinds.has("EXACT") ? "DOUBLE" : "STRING";
  }
  return "JSON";
}

function cell(value: unknown, type: ParquetColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "INT64":
      return BigInt(value as number | bigint);
    case "DOUBLE":
      return Number(value);
    case "STRING":
      return typeof value === "string" ? value : String(value);
    case "JSON":
      return stringifyJson(value);
    default:
      return value;
  }
}

/** The file's column data for hyparquet-writer. */
export function parquetColumns(records: readonly JsonRecord[], columns: readonly string[]): ColumnSource[] {
  return columns.map((name) => {
    const values = records.map((record) => record[name]);
    const type = columnType(values);
    return {
      name,
      // JSON is written as plain UTF-8 text: readers see the text, not a parsed value.
      type: type === "JSON" ? "STRING" : type,
      nullable: true,
      data: values.map((value) => cell(value, type)) as ColumnSource["data"],
    };
  });
}

/** hyparquet-writer loads on the first Parquet file only: a connector writing NDJSON never pays for it. */
export async function parquetFile(records: readonly JsonRecord[], columns: readonly string[]): Promise<Buffer> {
  const { parquetWriteBuffer } = await import("hyparquet-writer");
  const buffer = parquetWriteBuffer({ columnData: parquetColumns(records, columns), createdBy: "cannectors" });
  return Buffer.from(buffer);
}
