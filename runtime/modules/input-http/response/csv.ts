import { parse } from "csv-parse/sync";
import type { CsvOptions } from "../../../artifact/index.js";
import type { JsonRecord, RecordFailure } from "../../../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../../../errors/index.js";
import { defineField } from "../../../json/index.js";
import type { HttpResponse } from "../../../net/types.js";
import type { PageBody } from "./json.js";
import { pageText } from "./page-text.js";

interface ParsedRow {
  record: string[];
  /** The row's text as read: the empty lines skipped before it, the row, its line break. */
  raw: string;
}

const LINE_BREAK = /\r\n|\n|\r/g;

/**
 * A CSV page: the first row names the fields, each later row is one record whose values stay
 * strings (typed conversion belongs to the mapping). A row with more or fewer fields than the
 * header, or with bytes that are not UTF-8, is that row's failure (dead-lettered with its row and
 * line numbers); a header that cannot name fields, or a quote that never closes (every row
 * boundary after it is unknown), fails the page. The page is already in memory, bounded by
 * settings.limits; rows are decoded from it once.
 */
export function readCsvPage(response: HttpResponse, options: CsvOptions | undefined, where: string): PageBody {
  const empty: PageBody = { body: [], records: [], failures: new Map() };
  const page = pageText(response, where);
  if (page === undefined) return empty;
  const { text, invalid } = page;
  let rows: ParsedRow[];
  try {
    rows = parse(text, {
      delimiter: options?.delimiter ?? ",",
      quote: options?.quote ?? '"',
      escape: options?.quote ?? '"',
      bom: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRow[];
  } catch (error) {
    throw new CannectorsError(
      ErrorCodes.PAGE_INVALID,
      `${where}: the body is not valid CSV (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  const [header, ...data] = rows;
  if (header === undefined) return empty;
  const badLines = invalidLines(text, invalid?.chars ?? []);
  const lines = lineCounter();
  checkHeader(header, lines.span(header.raw), badLines, where);
  const names = header.record;
  const records: JsonRecord[] = [];
  const failures = new Map<number, RecordFailure>();
  data.forEach((row, index) => {
    const { first, last } = lines.span(row.raw);
    const at = `row ${index + 1} (line ${first}) of ${where}`;
    const record: JsonRecord = {};
    const bad = badLines.find((line) => line >= first && line <= last);
    if (bad !== undefined) {
      failures.set(index, { reason: `${at}: bytes that are not UTF-8 on line ${bad}`, source: row.raw });
    } else if (row.record.length !== names.length) {
      const reason = `${at}: ${row.record.length} fields, the header has ${names.length}`;
      failures.set(index, { reason, source: row.raw });
    } else {
      names.forEach((name, column) => {
        defineField(record, name, row.record[column]);
      });
    }
    records.push(record);
  });
  return { body: records, records, failures };
}

/** The first and last line of each row in turn, counted from its raw text (line breaks in quotes included). */
function lineCounter() {
  let line = 1;
  const breaks = (text: string) => text.match(LINE_BREAK)?.length ?? 0;
  return {
    span(raw: string): { first: number; last: number } {
      const first = line + breaks(/^(?:\r\n|\n|\r)*/.exec(raw)![0]);
      line += breaks(raw);
      return { first, last: /[\r\n]$/.test(raw) ? line - 1 : line };
    },
  };
}

function checkHeader(header: ParsedRow, span: { last: number }, badLines: number[], where: string): void {
  const fail = (problem: string) =>
    new CannectorsError(ErrorCodes.PAGE_INVALID, `${where}: the CSV header row ${problem}`, {
      details: { header: header.raw.slice(0, 200) },
    });
  if (badLines.some((line) => line <= span.last)) throw fail("holds bytes that are not UTF-8");
  const seen = new Set<string>();
  for (const name of header.record) {
    if (name === "") throw fail("has an empty field name");
    if (seen.has(name)) throw fail(`names ${JSON.stringify(name)} twice`);
    seen.add(name);
  }
}

/** The 1-based line of each U+FFFD that stands for a byte that was not UTF-8 (offsets sorted). */
function invalidLines(text: string, offsets: readonly number[]): number[] {
  if (offsets.length === 0) return [];
  const lines: number[] = [];
  let line = 1;
  let next = 0;
  LINE_BREAK.lastIndex = 0;
  let match = LINE_BREAK.exec(text);
  for (const offset of offsets) {
    while (match !== null && match.index < offset) {
      line++;
      match = LINE_BREAK.exec(text);
    }
    if (lines[next - 1] !== line) lines[next++] = line;
  }
  return lines;
}
